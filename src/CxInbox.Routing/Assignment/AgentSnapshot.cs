namespace CxInbox.Routing.Assignment;

/// <summary>An agent as the router sees them at the moment of a decision.</summary>
/// <param name="Teams">The teams the agent works in; empty means the agent takes any team's work.</param>
public sealed record AgentSnapshot(
    Guid Id,
    string Name,
    AgentPresence Presence,
    int OpenConversations,
    int Capacity,
    DateTimeOffset? LastAssignedAt,
    IReadOnlyList<string>? Teams = null)
{
    public bool WorksFor(string? team) =>
        team is null || Teams is null || Teams.Count == 0 || Teams.Contains(team, StringComparer.OrdinalIgnoreCase);
}
