using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using MassTransit;

namespace CxInbox.RoutingService.Assignment;

/// <summary>Hands waiting conversations, most urgent and oldest first, to whoever has room; used whenever capacity
/// frees up (an agent comes online, a conversation is resolved, an agent leaves and their work is re-queued).</summary>
public sealed class QueueDrain(Database database, ConversationStore conversations, ConversationAssigner assigner, TimeProvider clock)
{
    private const int BatchSize = 50;

    public async Task DrainAsync(IPublishEndpoint bus, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bus);
        foreach (var (conversationId, team) in await conversations.WaitingAsync(BatchSize, ct))
        {
            await using var tx = await database.BeginAsync(ct);
            var decision = await assigner.AssignOrQueueAsync(tx, conversationId, team, clock.GetUtcNow(), ct);
            if (decision is not AssignmentDecision.Assign)
            {
                // Nobody of this team has room, or another router took it; a conversation of another team may fit.
                continue;
            }

            var outcome = await conversations.FindOutcomeAsync(tx, conversationId, ct);
            await tx.CommitAsync(ct);
            await bus.Publish(outcome!.ToEvent(), ct);
        }
    }
}
