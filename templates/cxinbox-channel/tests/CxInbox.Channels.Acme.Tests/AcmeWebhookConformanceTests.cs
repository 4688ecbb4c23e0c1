using CxInbox.Channels.Acme;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Webhooks;

namespace CxInbox.Channels.Acme.Tests;

/// <summary>The conformance suite against Acme's webhook: every member below is what the suite needs to know about
/// Acme. Take the samples from Acme's documentation, byte for byte.</summary>
// [TestFixture] also makes this assembly reference NUnit, which is how the NUnit adapter decides to look in it.
[TestFixture]
public sealed class AcmeWebhookConformanceTests : WebhookChannelConformance
{
    private const string WebhookSecret = "conformance-webhook-secret";

    protected override string Secret => WebhookSecret;

    protected override IEnumerable<WebhookSample> Samples =>
        throw new NotImplementedException("Authentic Acme bodies and the message ids each yields, in order; one with several events.");

    protected override byte[] MalformedBody =>
        throw new NotImplementedException("A body that is not Acme's shape, e.g. JSON without Acme's required fields.");

    protected override byte[] OversizedBody =>
        throw new NotImplementedException("A body beyond a limit Acme documents, or JSON nested deeper than 64 levels.");

    protected override IWebhookChannel CreateChannel() =>
        new AcmeWebhook(new FixedOptions<AcmeOptions>(new AcmeOptions { WebhookSecret = WebhookSecret }));

    protected override WebhookRequest Request(byte[] body) => new("POST", "https://cx.example.com/webhooks/CHANNEL_KEY",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" }, body);

    protected override WebhookRequest Sign(WebhookRequest request, string secret) =>
        throw new NotImplementedException("Add Acme's signature header, written from Acme's documentation rather than from AcmeWebhook.");
}
