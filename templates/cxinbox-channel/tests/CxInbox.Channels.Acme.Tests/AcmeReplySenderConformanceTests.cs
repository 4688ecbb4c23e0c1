using CxInbox.Channels.Acme;
using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;

namespace CxInbox.Channels.Acme.Tests;

/// <summary>The conformance suite against Acme's sender, with Acme's answers as its documentation shows them.</summary>
[TestFixture]
public sealed class AcmeReplySenderConformanceTests : ReplySenderConformance
{
    protected override ChannelCapabilities Capabilities => AcmeCapabilities.Declared;

    protected override ProviderAnswer TransientFailure =>
        throw new NotImplementedException("Acme's answer when it is briefly unavailable (typically 503), body included.");

    protected override ProviderAnswer PermanentFailure =>
        throw new NotImplementedException("Acme's answer to a send it refuses for good (a 4xx such as an unknown recipient).");

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        new AcmeReplySender(http, new FixedOptions<AcmeOptions>(new AcmeOptions { ApiBaseUrl = baseAddress.ToString(), Resilience = resilience }), clock);

    protected override OutboundReply SampleReply(DateTimeOffset now) => new()
    {
        ReplyId = Guid.CreateVersion7(),
        ConversationId = Guid.CreateVersion7(),
        Channel = AcmeWebhook.Channel,
        ChannelAccount = "our-acme-account",
        CustomerAddress = "an-acme-customer",
        Text = "Halo, pesanan #4821 sudah kami cek.",
        LastCustomerMessageAt = now.AddMinutes(-5),
    };

    protected override ProviderAnswer Accepted(string providerMessageId) =>
        throw new NotImplementedException($"Acme's answer to a send it accepted as message {providerMessageId}.");
}
