namespace CxInbox.Contracts;

/// <summary>Published by the API role when an agent resolves a conversation. Its agent's capacity is free again,
/// and the routing role hands a waiting conversation to whoever can take it.</summary>
public sealed record ConversationResolved
{
    public required Guid ConversationId { get; init; }

    /// <summary>The agent who had it, if any.</summary>
    public Guid? AgentId { get; init; }

    public required DateTimeOffset ResolvedAt { get; init; }
}
