using CxInbox.Routing.Assignment;

namespace CxInbox.Data.Agents;

public sealed record NewAgent(string Name, IReadOnlyList<string> Skills, int Capacity, AgentPresence Presence);

public sealed record AgentRecord(
    Guid Id,
    string Name,
    IReadOnlyList<string> Skills,
    int Capacity,
    AgentPresence Presence,
    int OpenConversations,
    DateTimeOffset? LastAssignedAt,
    DateTimeOffset CreatedAt);
