using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.RoutingService.Assignment;
using MassTransit;

namespace CxInbox.RoutingService.Presence;

/// <summary>An agent coming online takes waiting conversations; an agent going offline gives theirs back to the
/// queue, where others take them. Nothing is left with someone who is not there.</summary>
public sealed class AgentPresenceChangedConsumer(Database database, ConversationStore conversations, AssignmentHistoryStore history,
    QueueDrain queue, TimeProvider clock) : IConsumer<AgentPresenceChanged>
{
    private const string WentOffline = "their agent went offline";

    public async Task Consume(ConsumeContext<AgentPresenceChanged> context)
    {
        var ct = context.CancellationToken;
        var change = context.Message;
        if (change.Status == "offline")
        {
            var now = clock.GetUtcNow();
            await using var tx = await database.BeginAsync(ct);
            foreach (var conversationId in await conversations.UnassignAllAsync(tx, change.AgentId, WentOffline, now, ct))
            {
                await history.RecordAsync(tx, new AssignmentEvent(conversationId, AssignmentKinds.Requeued, null, change.AgentId, null, WentOffline), now, ct);
            }

            await tx.CommitAsync(ct);
        }

        await queue.DrainAsync(context, ct);
    }
}
