using CxInbox.Routing.Assignment;

namespace CxInbox.Data.Agents;

public sealed record NewAgent(string Name, IReadOnlyList<string> Skills, int Capacity, AgentPresence Presence)
{
    /// <summary>The teams the agent works in; empty: any team's work.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>The languages the agent answers in; empty: any.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The channel keys the agent works; empty: all.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
}

public sealed record AgentRecord(
    Guid Id,
    string Name,
    IReadOnlyList<string> Skills,
    int Capacity,
    AgentPresence Presence,
    int OpenConversations,
    DateTimeOffset? LastAssignedAt,
    DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string> Teams { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>The weights of the conversations the agent holds, all channels together; compared with <see cref="Capacity"/>.</summary>
    public decimal Load { get; init; }
}
