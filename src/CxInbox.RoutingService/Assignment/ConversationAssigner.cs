using System.Data;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.RoutingService.Threading;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Assignment;

/// <summary>
/// Gives an unassigned conversation to an agent inside the caller's transaction: load the agents, let
/// <see cref="AssignmentPolicy"/> choose, claim the capacity atomically, and look again at everyone's load when
/// another router took the last slot first. Queues the conversation when nobody can take it. Returns null when
/// another router assigned the conversation meanwhile; the caller then rolls back, which returns the claimed slot.
/// </summary>
public sealed class ConversationAssigner(AgentStore agents, ConversationStore conversations, AssignmentHistoryStore history,
    IOptionsMonitor<ThreadingOptions> options)
{
    // A lost claim means another router just changed an agent's load: look again at everyone's current load
    // rather than guessing. Bounded, so a pathological race ends in a retry of the whole message.
    private const int MaxClaimAttempts = 5;

    private const int MaxChoicesPerClaim = 4;

    /// <param name="needs">What the conversation asks of its agent, as the caller just read or decided it; its weight
    /// is the one stored on the conversation, which the claim adds to the agent's load.</param>
    /// <param name="firstTimeCustomer">The customer was created by this very message: no agent served them before, so
    /// there is no previous agent to look up.</param>
    /// <param name="behind">For a conversation a customer's message asks an agent for: the queue and its place in it, so
    /// that it takes only the room those waiting ahead of it leave (<see cref="QueueSelection.RoomLeftBehind"/>). Null
    /// for the drain, which serves the queue in its order.</param>
    public async Task<AssignmentDecision?> AssignOrQueueAsync(StoreTransaction tx, Guid conversationId, ConversationNeeds needs, bool firstTimeCustomer,
        QueueBehind? behind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var team = needs.Team;
        var previousAgent = firstTimeCustomer ? null
            : await conversations.PreviousAgentAsync(tx, conversationId, now - options.CurrentValue.StickinessWindow, cancellationToken);
        // Set once a choice ran out of agents only because other routers were claiming them: from then on, wait for
        // their claims to land (or roll back) rather than queue a conversation that one of those agents may yet take.
        var waitForOtherClaims = false;
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            var everyone = await agents.SnapshotsAsync(tx, cancellationToken);
            var (snapshot, ahead) = behind is null ? (everyone, 0)
                : QueueSelection.RoomLeftBehind(everyone, behind.Place, behind.Waiting);
            if (ahead > 0)
            {
                behind!.RoomForThoseAhead = true;
            }

            // Concurrent routers read the same loads and choose the same least-loaded agent; whoever claims first holds
            // that agent's row until its commit. So the choice is made several times over, each time counting the agents
            // chosen before as claimed by another router, and one statement claims the first of them not being claimed.
            var beingClaimed = new HashSet<Guid>();
            AssignmentDecision CountingThoseAhead(AssignmentDecision onTheRoomLeft) => ahead == 0 ? onTheRoomLeft
                : QueueSelection.BehindTheQueue(onTheRoomLeft,
                    AssignmentPolicy.Decide(CountingClaimsInFlight(everyone, beingClaimed, needs.Weight), needs, previousAgent), ahead);
            while (!waitForOtherClaims && NextChoices(snapshot, needs, previousAgent, beingClaimed) is { Count: > 0 } choices)
            {
                if (await agents.TryClaimFirstFreeAsync(tx, [.. choices.Select(c => c.AgentId)], conversationId, now, cancellationToken) is { } claimed)
                {
                    return await AssignAsync(tx, conversationId, (AssignmentDecision.Assign)CountingThoseAhead(choices.First(c => c.AgentId == claimed)), team, now,
                        cancellationToken);
                }
            }

            var decision = CountingThoseAhead(AssignmentPolicy.Decide(CountingClaimsInFlight(snapshot, beingClaimed, needs.Weight), needs, previousAgent));
            if (decision is AssignmentDecision.Wait)
            {
                if (beingClaimed.Count == 0)
                {
                    await conversations.QueueAsync(tx, conversationId, decision.Reason, now, cancellationToken);
                    await history.RecordQueuedAsync(tx, conversationId, team, decision.Reason, now, cancellationToken);
                    return decision;
                }

                waitForOtherClaims = true;
                continue;
            }

            // The same agent is still the choice with the other claim counted (the least loaded even so, or the customer's
            // previous agent), or everyone else was taken: wait on that agent's row.
            var assign = (AssignmentDecision.Assign)decision;
            if (await agents.TryClaimCapacityAsync(tx, assign.AgentId, conversationId, now, cancellationToken))
            {
                return await AssignAsync(tx, conversationId, assign, team, now, cancellationToken);
            }
        }

        throw new DBConcurrencyException($"Could not claim an agent for conversation {conversationId} in {MaxClaimAttempts} attempts.");
    }

    // The next agents this router would choose, each chosen with the ones before counted as being claimed, until the
    // choice repeats an agent already counted or nobody is left; bounded, because every choice describes every agent.
    private static List<AssignmentDecision.Assign> NextChoices(IReadOnlyList<AgentSnapshot> snapshot, ConversationNeeds needs, Guid? previousAgent,
        HashSet<Guid> beingClaimed)
    {
        var choices = new List<AssignmentDecision.Assign>();
        while (choices.Count < MaxChoicesPerClaim
               && AssignmentPolicy.Decide(CountingClaimsInFlight(snapshot, beingClaimed, needs.Weight), needs, previousAgent) is AssignmentDecision.Assign next
               && beingClaimed.Add(next.AgentId))
        {
            choices.Add(next);
        }

        return choices;
    }

    private async Task<AssignmentDecision?> AssignAsync(StoreTransaction tx, Guid conversationId, AssignmentDecision.Assign assign, string? team,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await conversations.AssignAsync(tx, conversationId, assign.AgentId, assign.Reason, now, cancellationToken))
        {
            return null;
        }

        await history.RecordAsync(tx, new AssignmentEvent(conversationId, AssignmentKinds.Assigned, assign.AgentId, null, team, assign.Reason), now, cancellationToken);
        return assign;
    }

    // An agent another router is claiming right now carries that conversation too, as far as this choice goes; the
    // loads are read again before anything waits on them.
    private static List<AgentSnapshot> CountingClaimsInFlight(IReadOnlyList<AgentSnapshot> snapshot, HashSet<Guid> beingClaimed, decimal weight) =>
        [.. snapshot.Select(a => beingClaimed.Contains(a.Id) ? a.BeingClaimed(weight) : a)];
}

/// <summary>The queue a conversation is routed behind: those waiting, in queue order, and its own place.
/// <see cref="RoomForThoseAhead"/> is set when some of those ahead of it could take room: a drain should run once the
/// caller has committed.</summary>
public sealed class QueueBehind(QueuePlace place, IReadOnlyList<WaitingConversation> waiting)
{
    public QueuePlace Place { get; } = place;

    public IReadOnlyList<WaitingConversation> Waiting { get; } = waiting;

    public bool RoomForThoseAhead { get; set; }
}
