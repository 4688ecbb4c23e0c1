namespace CxInbox.Contracts;

/// <summary>
/// Published by the routing role when the agent holding a conversation has not answered the waiting customer within
/// <c>Routing:Sla:ReassignWithoutReplyAfter</c> and no other eligible agent has room to take it over. The conversation
/// stays with its agent (no capacity is exceeded); the team's lead, when the team has one, is the one to act (answer,
/// move it, free someone). Once per holding: a conversation escalates again only after it changed hands. Delivered at
/// least once: dedupe on conversation id + escalated at.
/// </summary>
public sealed record ConversationEscalated
{
    public required Guid ConversationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Channel { get; init; }

    /// <summary>The agent who holds the conversation and has not answered.</summary>
    public required Guid AgentId { get; init; }

    /// <summary>The team the routing table sent the conversation to, when it names one.</summary>
    public string? Team { get; init; }

    /// <summary>The team's lead (an agent id), told about it; null when the team has no lead set.</summary>
    public Guid? LeadAgentId { get; init; }

    /// <summary>Why, for people: who did not answer for how long, and why nobody else could take it.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset EscalatedAt { get; init; }
}
