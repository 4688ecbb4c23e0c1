namespace CxInbox.Routing.Assignment;

/// <summary>
/// Chooses the agent for a conversation that has none: among the online agents of the conversation's team (agents
/// with no team take any work) who are below capacity, the least loaded, ties broken by who has waited longest since
/// their last assignment. The caller claims the capacity atomically in the store and asks again if the claim loses
/// a race.
/// </summary>
public static class AssignmentPolicy
{
    /// <param name="previousAgentId">The agent who last served this customer within the stickiness window; chosen
    /// first when eligible, because a returning customer is best served by someone who knows them.</param>
    public static AssignmentDecision Decide(IReadOnlyCollection<AgentSnapshot> agents, string? team = null, Guid? previousAgentId = null)
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

        if (previousAgentId is { } previous && eligible.FirstOrDefault(a => a.Id == previous) is { } known)
        {
            return new AssignmentDecision.Assign(known.Id,
                $"returning customer: {known.Name} served them before and is online at {known.OpenConversations}/{known.Capacity}");
        }

        var chosen = eligible[0];
        var previousNote = previousAgentId is { } missing && agents.FirstOrDefault(a => a.Id == missing) is { } absent
            ? $"; {absent.Name}, who served them before, {Unavailable(absent, team)}"
            : "";
        var reason = team is null
            ? $"least-loaded online agent: {chosen.Name} at {chosen.OpenConversations}/{chosen.Capacity}"
            : $"least-loaded online {team} agent: {chosen.Name} at {chosen.OpenConversations}/{chosen.Capacity}";
        var passedOver = agents.Where(a => a.Id != chosen.Id).ToList();
        return new AssignmentDecision.Assign(chosen.Id,
            (passedOver.Count == 0 ? reason : $"{reason}; passed over: {Describe(passedOver, team)}") + previousNote);
    }

    private static string Unavailable(AgentSnapshot agent, string? team) =>
        !agent.WorksFor(team) ? $"is not in {team}"
        : agent.Presence != AgentPresence.Online ? $"is {agent.Presence.ToName()}"
        : "is full";

    private static string Describe(IEnumerable<AgentSnapshot> agents, string? team) =>
        string.Join(", ", agents.Select(a => !a.WorksFor(team)
            ? $"{a.Name} is not in {team}"
            : a.Presence != AgentPresence.Online
                ? $"{a.Name} is {a.Presence.ToName()}"
                : a.OpenConversations >= a.Capacity
                    ? $"{a.Name} is full at {a.OpenConversations}/{a.Capacity}"
                    : $"{a.Name} has {a.OpenConversations}/{a.Capacity}"));
}
