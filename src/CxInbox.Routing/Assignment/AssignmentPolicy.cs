using System.Globalization;

namespace CxInbox.Routing.Assignment;

/// <summary>
/// Chooses the agent for a conversation that has none: among the online agents with room for its weight who work for the
/// conversation's team, speak its language and work its channel (an agent with no teams, languages or channels listed
/// takes any), the customer's previous agent first, else the least loaded (weighted load, all channels together), ties broken by who has waited longest
/// since their last assignment. The caller claims the capacity atomically in the store and asks again if the claim loses
/// a race.
/// </summary>
public static class AssignmentPolicy
{
    /// <param name="previousAgentId">The agent who last served this customer within the stickiness window; chosen
    /// first when eligible, because a returning customer is best served by someone who knows them.</param>
    public static AssignmentDecision Decide(IReadOnlyCollection<AgentSnapshot> agents, string? team = null, Guid? previousAgentId = null) =>
        Decide(agents, new ConversationNeeds(team), previousAgentId);

    /// <summary>As above, for a conversation that also needs an agent who speaks its language and works its channel.</summary>
    public static AssignmentDecision Decide(IReadOnlyCollection<AgentSnapshot> agents, ConversationNeeds needs, Guid? previousAgentId = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(needs);

        var eligible = agents
            .Where(a => WhyNot(a, needs) is null)
            .OrderBy(a => a.Load)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id)
            .ToList();

        var team = needs.Team;
        if (eligible.Count == 0)
        {
            var who = team is null ? "online agent" : $"online {team} agent";
            return new AssignmentDecision.Wait(agents.Count == 0
                ? "no agents exist"
                : $"no {who} can take it ({Describe(agents, needs)})");
        }

        if (previousAgentId is { } previous && eligible.FirstOrDefault(a => a.Id == previous) is { } known)
        {
            return new AssignmentDecision.Assign(known.Id,
                $"returning customer: {known.Name} served them before and is online at {known.LoadText}");
        }

        var chosen = eligible[0];
        var previousNote = previousAgentId is { } missing && agents.FirstOrDefault(a => a.Id == missing) is { } absent
            ? $"; {absent.Name}, who served them before, {WhyNot(absent, needs)}"
            : "";
        var reason = team is null
            ? $"least-loaded online agent: {chosen.Name} at {chosen.LoadText}"
            : $"least-loaded online {team} agent: {chosen.Name} at {chosen.LoadText}";
        var passedOver = agents.Where(a => a.Id != chosen.Id).ToList();
        return new AssignmentDecision.Assign(chosen.Id,
            (passedOver.Count == 0 ? reason : $"{reason}; passed over: {Describe(passedOver, needs)}") + previousNote);
    }

    private static string? WhyNot(AgentSnapshot agent, ConversationNeeds needs) =>
        agent.Mismatch(needs)
        ?? (agent.Presence != AgentPresence.Online ? $"is {agent.Presence.ToName()}"
            : agent.Load >= agent.Capacity ? $"is full at {agent.LoadText}"
            : !agent.HasRoomFor(needs.Weight) ? $"has no room for {needs.Weight.ToString("0.##", CultureInfo.InvariantCulture)} more at {agent.LoadText}"
            : null);

    private static string Describe(IEnumerable<AgentSnapshot> agents, ConversationNeeds needs) =>
        string.Join(", ", agents.Select(a => $"{a.Name} {WhyNot(a, needs) ?? $"has {a.LoadText}"}"));
}
