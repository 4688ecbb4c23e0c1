namespace CxInbox.Contracts;

/// <summary>
/// Published by the routing role when a conversation is given to an agent, either when its message arrives or when
/// it leaves the queue, and by the API role when a supervisor or a rebalance moves it to an agent (with
/// <see cref="ConversationMoved"/>). Published again if the routing role processes the same message twice: dedupe on
/// <see cref="ConversationId"/> + <see cref="AgentId"/> + <see cref="AssignedAt"/>.
/// </summary>
public sealed record ConversationAssigned
{
    public required Guid ConversationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid AgentId { get; init; }
    public required string Channel { get; init; }

    /// <summary>Why this agent, in words a supervisor can read.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset AssignedAt { get; init; }
}
