using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;

namespace CxInbox.RoutingService.Assignment;

/// <summary>
/// Gives an unassigned conversation to an agent inside the caller's transaction: load the agents, let
/// <see cref="AssignmentPolicy"/> choose, claim the capacity atomically, and choose again without that agent when
/// another router took the last slot first. Queues the conversation when nobody can take it. Returns null when
/// another router assigned the conversation meanwhile; the caller then rolls back, which returns the claimed slot.
/// </summary>
public sealed class ConversationAssigner(AgentStore agents, ConversationStore conversations)
{
    public async Task<AssignmentDecision?> AssignOrQueueAsync(StoreTransaction tx, Guid conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var candidates = (await agents.SnapshotsAsync(tx, cancellationToken)).ToList();
        while (true)
        {
            var decision = AssignmentPolicy.Decide(candidates);
            if (decision is AssignmentDecision.Assign assign)
            {
                if (await agents.TryClaimCapacityAsync(tx, assign.AgentId, now, cancellationToken))
                {
                    return await conversations.AssignAsync(tx, conversationId, assign.AgentId, assign.Reason, now, cancellationToken)
                        ? decision
                        : null;
                }

                candidates.RemoveAll(a => a.Id == assign.AgentId);
                continue;
            }

            await conversations.QueueAsync(tx, conversationId, decision.Reason, now, cancellationToken);
            return decision;
        }
    }
}
