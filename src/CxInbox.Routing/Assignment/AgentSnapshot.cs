namespace CxInbox.Routing.Assignment;

/// <summary>An agent as the router sees them at the moment of a decision.</summary>
public sealed record AgentSnapshot(
    Guid Id,
    string Name,
    AgentPresence Presence,
    int OpenConversations,
    int Capacity,
    DateTimeOffset? LastAssignedAt);
