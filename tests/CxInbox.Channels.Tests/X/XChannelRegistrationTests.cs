using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Tests.X;

public class XChannelRegistrationTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["Channels:X:ConsumerKey"] = "FakeConsumerKey0123456789",
        ["Channels:X:ConsumerSecret"] = XVectors.FixtureConsumerSecret,
        ["Channels:X:AccessToken"] = "1500000000000000001-FakeAccessToken0123456789abcdef",
        ["Channels:X:AccessTokenSecret"] = "FakeAccessTokenSecret0123456789abcdefghijklm",
        ["Channels:X:AccountId"] = XVectors.BrandAccountId,
        ["Channels:X:Resilience:AttemptTimeout"] = "00:00:03",
    };

    [Test]
    public void Registers_the_webhook_at_x_and_senders_for_both_channel_keys()
    {
        using var provider = Build(Configured);

        var webhooks = new WebhookChannelRegistry(provider.GetServices<IWebhookChannel>());
        var senders = new ReplySenderRegistry(provider.GetServices<IReplySender>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(webhooks.Find("x"), Is.Not.Null);
            Assert.That(senders.Find("x-dm")?.Channel, Is.EqualTo("x-dm"));
            Assert.That(senders.Find("x")?.Channel, Is.EqualTo("x"));
        }
    }

    [Test]
    public void Binds_channels_x_including_the_resilience_tuning()
    {
        using var provider = Build(Configured);

        var options = provider.GetRequiredService<IOptions<XOptions>>().Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.ConsumerSecret, Is.EqualTo(XVectors.FixtureConsumerSecret));
            Assert.That(options.AccountId, Is.EqualTo(XVectors.BrandAccountId));
            Assert.That(options.ApiBaseUrl, Is.EqualTo("https://api.x.com"));
            Assert.That(options.Resilience.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(options.Resilience.MaxRetryAttempts, Is.EqualTo(4), "unset values keep their defaults");
        }
    }

    [Test]
    public void An_unconfigured_x_channel_does_not_stop_the_start()
    {
        using var provider = Build([]);

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [TestCase("Channels:X:AccountId", "ExampleBrand", "Channels:X:AccountId")]
    [TestCase("Channels:X:ApiBaseUrl", "api.x.com", "Channels:X:ApiBaseUrl")]
    [TestCase("Channels:X:AccessTokenSecret", "", "Channels:X:AccessTokenSecret")]
    [TestCase("Channels:X:Resilience:AttemptTimeout", "00:00:00", "Channels:X:Resilience")]
    public void Bad_configuration_stops_the_start_naming_the_key(string key, string value, string named)
    {
        using var provider = Build(new Dictionary<string, string?>(Configured) { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain(named));
    }

    private static ServiceProvider Build(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        new ChannelsBuilder(services, runsAdapters: true).AddXChannel(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
