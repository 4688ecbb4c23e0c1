using System.Globalization;
using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Rebalancing;

/// <summary>
/// Evens out the load of a team's online agents. A conversation moves from the most loaded agent to the least loaded
/// one who would still carry less than the giver did (their load plus its weight below the giver's load), has room for
/// it and may take it (its team, language and channel), until no such move is left. With every conversation weighing
/// 1 that is "at least two lighter", and the spread ends at most one conversation.
/// Every move makes the loads strictly more even (the sum of their squares falls), so the plan ends; a conversation
/// moves at most once, and never when its agent replied within the guard, since the customer is mid-conversation with them.
/// </summary>
public static class RebalancePlanner
{
    /// <param name="agents">Everyone; the team's members are the online agents who work for it. Load is
    /// <see cref="AgentSnapshot.Load"/>, the weights of every conversation the agent holds.</param>
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
        var load = members.ToDictionary(a => a.Id, a => a.Load);
        var before = new Dictionary<Guid, decimal>(load);
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
                $"rebalance of {team}: {from.Name} held {Text(load[from.Id])}/{from.Capacity}, {to.Name} held {Text(load[to.Id])}/{to.Capacity}"));
            load[from.Id] -= conversation.Weight;
            load[to.Id] += conversation.Weight;
            movable[from.Id].Remove(conversation);
        }

        return new RebalancePlan(team, moves, before, load, guarded);
    }

    /// <summary>Whether moving a conversation of this weight from a member carrying <paramref name="fromLoad"/> to one
    /// carrying <paramref name="toLoad"/> evens them out: the receiver ends lighter than the giver was, so the larger
    /// of the two loads falls and no move can undo it.</summary>
    public static bool Evens(decimal fromLoad, decimal toLoad, decimal weight) => toLoad + weight < fromLoad;

    private static (HeldConversation Conversation, AgentSnapshot From, AgentSnapshot To)? NextMove(
        List<AgentSnapshot> members, Dictionary<Guid, decimal> load, Dictionary<Guid, List<HeldConversation>> movable)
    {
        foreach (var from in members.OrderByDescending(a => load[a.Id]).ThenBy(a => a.Id))
        {
            foreach (var conversation in movable.GetValueOrDefault(from.Id) ?? [])
            {
                var to = members
                    .Where(a => a.Id != from.Id && Evens(load[from.Id], load[a.Id], conversation.Weight)
                        && load[a.Id] + conversation.Weight <= a.Capacity && a.Mismatch(conversation.Needs) is null)
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

    private static string Text(decimal load) => load.ToString("0.##", CultureInfo.InvariantCulture);
}
