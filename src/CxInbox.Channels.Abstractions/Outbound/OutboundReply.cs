namespace CxInbox.Channels.Outbound;

/// <summary>An agent's reply as a channel adapter needs it. <see cref="ReplyId"/> is ours and stable across retries:
/// adapters pass it to providers that accept an idempotency key or a metadata field.</summary>
public sealed record OutboundReply
{
    public required Guid ReplyId { get; init; }
    public required Guid ConversationId { get; init; }
    public required string Channel { get; init; }
    public required string ChannelAccount { get; init; }
    public required string CustomerAddress { get; init; }
    public required string Text { get; init; }
    public string? LastCustomerMessageId { get; init; }
    public DateTimeOffset? LastCustomerMessageAt { get; init; }
    public string? LastCustomerMessageSubject { get; init; }
    public IReadOnlyList<string> LastCustomerMessageReferences { get; init; } = [];
}
