using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;

namespace CxInbox.RoutingService.Presence;

/// <summary>Puts every open conversation of an agent who is not there back in the queue, frees their capacity and
/// records why in each conversation's history, in one transaction. The caller drains the queue afterwards.</summary>
public sealed class AgentWorkHandback(Database database, ConversationStore conversations, AgentStore agents, AssignmentHistoryStore history,
    TimeProvider clock)
{
    /// <param name="awaySince">When set, only if the agent is still away by their own choice since this time or
    /// earlier, re-checked under the agent's row lock.</param>
    /// <returns>How many conversations went back to the queue.</returns>
    public async Task<int> HandBackAsync(Guid agentId, string reason, DateTimeOffset? awaySince, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(cancellationToken);
        // The store's lock order: the agent's conversations in id order, then the agent.
        await conversations.LockHeldByAsync(tx, agentId, cancellationToken);
        if (awaySince is { } cutoff && !await agents.LockIfAwayUnpausedSinceAsync(tx, agentId, cutoff, cancellationToken))
        {
            return 0;
        }

        var requeued = await conversations.UnassignAllAsync(tx, agentId, reason, now, cancellationToken);
        foreach (var conversationId in requeued)
        {
            await history.RecordAsync(tx, new AssignmentEvent(conversationId, AssignmentKinds.Requeued, null, agentId, null, reason), now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return requeued.Count;
    }
}
