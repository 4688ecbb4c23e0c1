namespace CxInbox.Contracts;

/// <summary>
/// Published by the ingress role when a provider reports what became of one of our outbound messages. Reports can
/// arrive late, twice or out of order; the store keeps the furthest state (queued &lt; sent &lt; delivered &lt; read,
/// with undelivered and failed final).
/// </summary>
public sealed record DeliveryStatusReported
{
    public required string Channel { get; init; }
    public required string ProviderMessageId { get; init; }

    /// <summary>Our reply id, when the provider hands it back (Twilio's status callback URL carries it): the report
    /// then finds its reply even if it arrives before the provider's answer to the send.</summary>
    public Guid? ReplyId { get; init; }

    /// <summary><c>queued</c>, <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>undelivered</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>What went wrong, written for the agent; null when nothing did.</summary>
    public string? ErrorReason { get; init; }

    public required DateTimeOffset ReportedAt { get; init; }
}
