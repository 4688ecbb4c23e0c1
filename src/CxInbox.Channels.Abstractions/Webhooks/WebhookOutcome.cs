using CxInbox.Channels.Inbound;
using CxInbox.Contracts;

namespace CxInbox.Channels.Webhooks;

/// <summary>What the provider should be answered, and what (if anything) must be published first.</summary>
public abstract record WebhookOutcome
{
    /// <summary>Authentic: publish <paramref name="Messages"/> (and any delivery reports and consent changes)
    /// durably, then answer with <paramref name="Response"/>. The lists may be empty (an event we acknowledge but do
    /// not route).</summary>
    public sealed record Accepted(IReadOnlyList<InteractionReceived> Messages, WebhookResponse Response) : WebhookOutcome
    {
        public IReadOnlyList<DeliveryStatusReported> Statuses { get; init; } = [];

        public IReadOnlyList<ContactConsentChanged> ConsentChanges { get; init; } = [];

        public InboundBatch ToBatch() => new() { Messages = Messages, Statuses = Statuses, ConsentChanges = ConsentChanges };
    }

    /// <summary>A verification handshake (Facebook's hub.challenge, X's CRC): answer it, publish nothing.</summary>
    public sealed record Challenge(WebhookResponse Response) : WebhookOutcome;

    /// <summary>Refused, nothing published. <paramref name="Reason"/> goes into the problem+json answer, so for
    /// a failed signature it must not help an attacker.</summary>
    public sealed record Rejected(int StatusCode, string Reason) : WebhookOutcome;
}

/// <summary>The body a provider expects in our 2xx answer.</summary>
public sealed record WebhookResponse(string ContentType, string Body)
{
    public static readonly WebhookResponse Empty = new("text/plain", "");
}
