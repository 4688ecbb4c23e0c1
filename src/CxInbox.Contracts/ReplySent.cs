namespace CxInbox.Contracts;

/// <summary>Published by a channel worker when the provider accepted a reply. Delivery may still fail later: watch
/// <see cref="DeliveryStatusReported"/> with the same <see cref="ProviderMessageId"/>.</summary>
public sealed record ReplySent
{
    public required Guid ReplyId { get; init; }
    public required Guid ConversationId { get; init; }
    public required string Channel { get; init; }
    public required string ProviderMessageId { get; init; }

    /// <summary>The delivery state the provider reported on acceptance, e.g. <c>queued</c> or <c>sent</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset SentAt { get; init; }
}
