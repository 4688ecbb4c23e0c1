using System.Net;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Facebook.Outbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Tests.Facebook;

public class FacebookServiceCollectionTests
{
    [Test]
    public void Registers_the_webhook_and_one_sender_bound_to_channels_facebook()
    {
        using var services = Provider(new()
        {
            ["Channels:Facebook:AppSecret"] = "s3cret",
            ["Channels:Facebook:PageId"] = "100000000000001",
            ["Channels:Facebook:GraphApiVersion"] = "v26.0",
            ["Channels:Facebook:Resilience:MaxRetryAttempts"] = "2",
        });

        var webhook = services.GetServices<IWebhookChannel>().Single();
        var sender = services.GetServices<IReplySender>().Single();
        var options = services.GetRequiredService<IOptions<FacebookOptions>>().Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(webhook, Is.InstanceOf<FacebookWebhook>());
            Assert.That(webhook.Route, Is.EqualTo("facebook"));
            Assert.That(sender, Is.InstanceOf<FacebookReplySender>());
            Assert.That(sender.Channel, Is.EqualTo("facebook"));
            Assert.That(services.GetRequiredService<IReplySender>(), Is.SameAs(sender));
            Assert.That(options.AppSecret, Is.EqualTo("s3cret"));
            Assert.That(options.PageId, Is.EqualTo("100000000000001"));
            Assert.That(options.GraphApiVersion, Is.EqualTo("v26.0"));
            Assert.That(options.Resilience.MaxRetryAttempts, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Registered_sender_sends_through_its_typed_client()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) =>
            new ProviderAnswer(HttpStatusCode.OK, """{"recipient_id":"7000000000000001","message_id":"m_DI"}"""));
        using var services = Provider(new()
        {
            ["Channels:Facebook:PageAccessToken"] = "EAAFAKE",
            ["Channels:Facebook:GraphBaseUrl"] = meta.BaseAddress.ToString(),
        });
        var reply = new OutboundReply
        {
            ReplyId = Guid.NewGuid(),
            ConversationId = Guid.NewGuid(),
            Channel = "facebook",
            ChannelAccount = "100000000000001",
            CustomerAddress = "7000000000000001",
            Text = "Halo",
            LastCustomerMessageAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        };

        var outcome = await services.GetRequiredService<IReplySender>().SendAsync(reply, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("m_DI", "sent")));
            Assert.That(meta.Requests.Single().Path, Is.EqualTo("/v25.0/me/messages"));
        }
    }

    [Test]
    public void Defaults_are_the_documented_ones()
    {
        var options = new FacebookOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.GraphBaseUrl, Is.EqualTo("https://graph.facebook.com"));
            Assert.That(options.GraphApiVersion, Is.EqualTo("v25.0"));
            Assert.That(options.AppSecret, Is.Empty);
            Assert.That(options.VerifyToken, Is.Empty);
            Assert.That(options.PageAccessToken, Is.Empty);
            Assert.That(options.PageId, Is.Empty);
        }
    }

    [TestCase("Channels:Facebook:GraphApiVersion", "25", "GraphApiVersion")]
    [TestCase("Channels:Facebook:PageId", "my-page", "PageId")]
    [TestCase("Channels:Facebook:GraphBaseUrl", "not a url", "GraphBaseUrl")]
    public void Bad_value_stops_the_start_naming_the_key(string key, string value, string name)
    {
        using var services = Provider(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<FacebookOptions>>().Value);

        Assert.That(error!.Message, Does.Contain(name));
    }

    [Test]
    public void Options_never_print_their_secrets()
    {
        var options = new FacebookOptions { AppSecret = "app-secret-value", PageAccessToken = "page-token-value", VerifyToken = "verify-value" };

        var printed = options.ToString();

        Assert.That(printed, Does.Not.Contain("secret-value").And.Not.Contain("token-value").And.Not.Contain("verify-value"));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        new ChannelsBuilder(services, runsAdapters: true).AddFacebookChannel(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
