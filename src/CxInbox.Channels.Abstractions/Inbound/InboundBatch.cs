using CxInbox.Contracts;

namespace CxInbox.Channels.Inbound;

/// <summary>What one provider request (or one poll) brought in, published together before the provider is answered.</summary>
public sealed record InboundBatch
{
    public IReadOnlyList<InteractionReceived> Messages { get; init; } = [];
    public IReadOnlyList<DeliveryStatusReported> Statuses { get; init; } = [];
    public IReadOnlyList<ContactConsentChanged> ConsentChanges { get; init; } = [];
    public int Count => Messages.Count + Statuses.Count + ConsentChanges.Count;
}
