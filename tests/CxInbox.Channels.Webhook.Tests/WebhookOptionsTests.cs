using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Webhook.Tests;

/// <summary>The registration line and the options it checks at start.</summary>
public sealed class WebhookOptionsTests
{
    [Test]
    public void With_no_configuration_the_channel_registers_and_starts_switched_off()
    {
        using var provider = Provider([]);

        Assert.That(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Secret, Is.Empty);
        Assert.That(provider.GetServices<IWebhookChannel>().Select(c => c.Route), Is.EqualTo(new[] { "generic" }));
        Assert.That(provider.GetServices<IReplySender>().Select(s => s.Channel), Is.EqualTo(new[] { "webhook" }));
    }

    [Test]
    public void A_short_secret_stops_the_start_without_printing_it()
    {
        using var provider = Provider(new() { ["Channels:Webhook:Secret"] = "short-secret" });

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<WebhookOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("Channels:Webhook:Secret").And.Not.Contain("short-secret"));
    }

    [TestCase("helpdesk.example.com/replies")]
    [TestCase("ftp://helpdesk.example.com/replies")]
    public void A_reply_URL_that_is_not_absolute_http_stops_the_start(string replyUrl)
    {
        using var provider = Provider(new() { ["Channels:Webhook:ReplyUrl"] = replyUrl });

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<WebhookOptions>>().Value);

        Assert.That(error!.Message, Does.Contain("Channels:Webhook:ReplyUrl"));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        new ChannelsBuilder(services, runsAdapters: true).AddWebhookChannel(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
