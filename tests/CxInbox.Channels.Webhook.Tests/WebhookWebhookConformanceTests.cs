using CxInbox.Channels.Webhook;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Webhooks;

namespace CxInbox.Channels.Webhook.Tests;

/// <summary>The conformance suite against Webhook's webhook: every member below is what the suite needs to know about
/// Webhook. Take the samples from Webhook's documentation, byte for byte.</summary>
// [TestFixture] also makes this assembly reference NUnit, which is how the NUnit adapter decides to look in it.
[TestFixture]
public sealed class WebhookWebhookConformanceTests : WebhookChannelConformance
{
    private const string WebhookSecret = "conformance-webhook-secret";

    protected override string Secret => WebhookSecret;

    protected override IEnumerable<WebhookSample> Samples =>
        throw new NotImplementedException("Authentic Webhook bodies and the message ids each yields, in order; one with several events.");

    protected override byte[] MalformedBody =>
        throw new NotImplementedException("A body that is not Webhook's shape, e.g. JSON without Webhook's required fields.");

    protected override byte[] OversizedBody =>
        throw new NotImplementedException("A body beyond a limit Webhook documents, or JSON nested deeper than 64 levels.");

    protected override IWebhookChannel CreateChannel() =>
        new WebhookWebhook(new FixedOptions<WebhookOptions>(new WebhookOptions { WebhookSecret = WebhookSecret }));

    protected override WebhookRequest Request(byte[] body) => new("POST", "https://cx.example.com/webhooks/webhook",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" }, body);

    protected override WebhookRequest Sign(WebhookRequest request, string secret) =>
        throw new NotImplementedException("Add Webhook's signature header, written from Webhook's documentation rather than from WebhookWebhook.");
}
