namespace CxInbox.Routing.Assignment;

/// <summary>
/// Chooses the agent for a conversation that has none: among the online agents of the conversation's team (agents
/// with no team take any work) who are below capacity, the least loaded, ties broken by who has waited longest since
/// their last assignment. The caller claims the capacity atomically in the store and asks again if the claim loses
/// a race.
/// </summary>
public static class AssignmentPolicy
{
    public static AssignmentDecision Decide(IReadOnlyCollection<AgentSnapshot> agents, string? team = null)
    {
        ArgumentNullException.ThrowIfNull(agents);

        var eligible = agents
            .Where(a => a.Presence == AgentPresence.Online && a.OpenConversations < a.Capacity && a.WorksFor(team))
            .OrderBy(a => a.OpenConversations)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id)
            .ToList();

        if (eligible.Count == 0)
        {
            var who = team is null ? "online agent" : $"online {team} agent";
            return new AssignmentDecision.Wait(agents.Count == 0
                ? "no agents exist"
                : $"no {who} has free capacity ({Describe(agents, team)})");
        }

        var chosen = eligible[0];
        var reason = team is null
            ? $"least-loaded online agent: {chosen.Name} at {chosen.OpenConversations}/{chosen.Capacity}"
            : $"least-loaded online {team} agent: {chosen.Name} at {chosen.OpenConversations}/{chosen.Capacity}";
        var passedOver = agents.Where(a => a.Id != chosen.Id).ToList();
        return new AssignmentDecision.Assign(chosen.Id,
            passedOver.Count == 0 ? reason : $"{reason}; passed over: {Describe(passedOver, team)}");
    }

    private static string Describe(IEnumerable<AgentSnapshot> agents, string? team) =>
        string.Join(", ", agents.Select(a => !a.WorksFor(team)
            ? $"{a.Name} is not in {team}"
            : a.Presence != AgentPresence.Online
                ? $"{a.Name} is {a.Presence.ToName()}"
                : a.OpenConversations >= a.Capacity
                    ? $"{a.Name} is full at {a.OpenConversations}/{a.Capacity}"
                    : $"{a.Name} has {a.OpenConversations}/{a.Capacity}"));
}
