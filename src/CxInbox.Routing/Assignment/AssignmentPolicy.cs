namespace CxInbox.Routing.Assignment;

/// <summary>
/// Chooses the agent for a conversation that has none: the least-loaded online agent below capacity, ties broken
/// by who has waited longest since their last assignment. The caller claims the capacity atomically in the store
/// and asks again, without that agent, if the claim loses a race.
/// </summary>
public static class AssignmentPolicy
{
    public static AssignmentDecision Decide(IReadOnlyCollection<AgentSnapshot> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);

        var eligible = agents
            .Where(a => a.Presence == AgentPresence.Online && a.OpenConversations < a.Capacity)
            .OrderBy(a => a.OpenConversations)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id)
            .ToList();

        if (eligible.Count == 0)
        {
            return new AssignmentDecision.Wait(agents.Count == 0
                ? "no agents exist"
                : $"no online agent has free capacity ({Describe(agents)})");
        }

        var chosen = eligible[0];
        var reason = $"least-loaded online agent: {chosen.Name} at {chosen.OpenConversations}/{chosen.Capacity}";
        var passedOver = agents.Where(a => a.Id != chosen.Id).ToList();
        return new AssignmentDecision.Assign(chosen.Id,
            passedOver.Count == 0 ? reason : $"{reason}; passed over: {Describe(passedOver)}");
    }

    private static string Describe(IEnumerable<AgentSnapshot> agents) =>
        string.Join(", ", agents.Select(a => a.Presence != AgentPresence.Online
            ? $"{a.Name} is {a.Presence.ToName()}"
            : a.OpenConversations >= a.Capacity
                ? $"{a.Name} is full at {a.OpenConversations}/{a.Capacity}"
                : $"{a.Name} has {a.OpenConversations}/{a.Capacity}"));
}
