using CxInbox.Channels.Webhook;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;

namespace CxInbox.Channels.Webhook.Tests;

/// <summary>The conformance suite against Webhook's sender, with Webhook's answers as its documentation shows them.</summary>
[TestFixture]
public sealed class WebhookReplySenderConformanceTests : ReplySenderConformance
{
    protected override ProviderAnswer TransientFailure =>
        throw new NotImplementedException("Webhook's answer when it is briefly unavailable (typically 503), body included.");

    protected override ProviderAnswer PermanentFailure =>
        throw new NotImplementedException("Webhook's answer to a send it refuses for good (a 4xx such as an unknown recipient).");

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        new WebhookReplySender(http, new FixedOptions<WebhookOptions>(new WebhookOptions { ApiBaseUrl = baseAddress.ToString(), Resilience = resilience }), clock);

    protected override OutboundReply SampleReply(DateTimeOffset now) => new()
    {
        ReplyId = Guid.CreateVersion7(),
        ConversationId = Guid.CreateVersion7(),
        Channel = WebhookWebhook.Channel,
        ChannelAccount = "our-webhook-account",
        CustomerAddress = "an-webhook-customer",
        Text = "Halo, pesanan #4821 sudah kami cek.",
        LastCustomerMessageAt = now.AddMinutes(-5),
    };

    protected override ProviderAnswer Accepted(string providerMessageId) =>
        throw new NotImplementedException($"Webhook's answer to a send it accepted as message {providerMessageId}.");
}
