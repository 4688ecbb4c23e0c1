using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Rebalancing;

/// <summary>
/// Evens out the load of a team's online agents. A conversation moves from the most loaded agent to the least loaded
/// one who is at least two lighter, below capacity and may take the conversation (its team, language and channel),
/// until no such move is left.
/// Every move makes the loads strictly more even, so the plan ends; a conversation moves at most once, and never
/// when its agent replied within the guard, since the customer is mid-conversation with them.
/// </summary>
public static class RebalancePlanner
{
    /// <param name="agents">Everyone; the team's members are the online agents who work for it. Load is
    /// <see cref="AgentSnapshot.OpenConversations"/>, which counts every conversation the agent holds.</param>
    /// <param name="conversations">The conversations the agents hold; those of non-members are ignored.</param>
    public static RebalancePlan Plan(
        IReadOnlyCollection<AgentSnapshot> agents,
        IReadOnlyCollection<HeldConversation> conversations,
        string team,
        DateTimeOffset now,
        TimeSpan recentReplyGuard)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentException.ThrowIfNullOrWhiteSpace(team);

        var members = agents.Where(a => a.Presence == AgentPresence.Online && a.WorksFor(team)).OrderBy(a => a.Id).ToList();
        var load = members.ToDictionary(a => a.Id, a => a.OpenConversations);
        var before = new Dictionary<Guid, int>(load);
        var held = conversations.Where(c => load.ContainsKey(c.AgentId)).ToList();
        var guarded = held.Count(c => c.LastAgentReplyAt is { } replied && now - replied < recentReplyGuard);

        // The least recently answered first: moving them interrupts the least.
        var movable = held
            .Where(c => c.LastAgentReplyAt is not { } replied || now - replied >= recentReplyGuard)
            .OrderBy(c => c.LastAgentReplyAt ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Id)
            .GroupBy(c => c.AgentId)
            .ToDictionary(g => g.Key, g => g.ToList());

        var moves = new List<RebalanceMove>();
        while (NextMove(members, load, movable) is var (conversation, from, to))
        {
            moves.Add(new RebalanceMove(conversation.Id, from.Id, to.Id,
                $"rebalance of {team}: {from.Name} held {load[from.Id]}/{from.Capacity}, {to.Name} held {load[to.Id]}/{to.Capacity}"));
            load[from.Id]--;
            load[to.Id]++;
            movable[from.Id].Remove(conversation);
        }

        return new RebalancePlan(team, moves, before, load, guarded);
    }

    private static (HeldConversation Conversation, AgentSnapshot From, AgentSnapshot To)? NextMove(
        List<AgentSnapshot> members, Dictionary<Guid, int> load, Dictionary<Guid, List<HeldConversation>> movable)
    {
        foreach (var from in members.OrderByDescending(a => load[a.Id]).ThenBy(a => a.Id))
        {
            foreach (var conversation in movable.GetValueOrDefault(from.Id) ?? [])
            {
                var to = members
                    .Where(a => a.Id != from.Id && load[a.Id] <= load[from.Id] - 2 && load[a.Id] < a.Capacity && a.Mismatch(conversation.Needs) is null)
                    .OrderBy(a => load[a.Id])
                    .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
                    .ThenBy(a => a.Id)
                    .FirstOrDefault();
                if (to is not null)
                {
                    return (conversation, from, to);
                }
            }
        }

        return null;
    }
}
