using System.Net;
using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Webhook.Inbound;
using CxInbox.Channels.Webhook.Outbound;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Webhook.Tests.Outbound;

/// <summary>The conformance suite against the reply sender, with the in-house system's answers as docs/integrators.md
/// describes them.</summary>
[TestFixture]
public sealed class GenericReplySenderConformanceTests : ReplySenderConformance
{
    protected override ChannelCapabilities Capabilities => WebhookCapabilities.Generic;

    protected override ProviderAnswer TransientFailure => new(HttpStatusCode.ServiceUnavailable, """{"error": "maintenance, try again"}""");

    protected override ProviderAnswer PermanentFailure => new(HttpStatusCode.UnprocessableEntity, """{"error": "unknown recipient user-404"}""");

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        Sender(new Uri(baseAddress, "cxinbox/replies"), http, resilience, clock);

    protected override OutboundReply SampleReply(DateTimeOffset now) => Reply();

    protected override ProviderAnswer Accepted(string providerMessageId) => new(HttpStatusCode.OK, $$"""{"id": "{{providerMessageId}}"}""");

    internal static GenericReplySender Sender(Uri replyUrl, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock, string secret = InHouseSystem.Secret) =>
        new(http, new FixedOptions<WebhookOptions>(new WebhookOptions { Secret = secret, ReplyUrl = replyUrl.ToString(), Resilience = resilience }),
            clock, NullLogger<GenericReplySender>.Instance);

    internal static OutboundReply Reply() => new()
    {
        ReplyId = Guid.CreateVersion7(),
        ConversationId = Guid.CreateVersion7(),
        Channel = GenericWebhook.Channel,
        ChannelAccount = InHouseSystem.Account,
        CustomerAddress = "user-42",
        Text = "Halo Rina, pesanan #4821 sudah kami cek.",
    };
}
