using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.RoutingService.Assignment;
using MassTransit;

namespace CxInbox.RoutingService.Presence;

/// <summary>When an agent comes online, waiting conversations are handed out, oldest and most urgent first, until
/// nobody has capacity left.</summary>
public sealed class AgentPresenceChangedConsumer(
    Database database,
    ConversationStore conversations,
    ConversationAssigner assigner,
    TimeProvider clock) : IConsumer<AgentPresenceChanged>
{
    private const int BatchSize = 50;

    public async Task Consume(ConsumeContext<AgentPresenceChanged> context)
    {
        if (context.Message.Status != "online")
        {
            return;
        }

        var ct = context.CancellationToken;
        foreach (var (conversationId, team) in await conversations.WaitingAsync(BatchSize, ct))
        {
            await using var tx = await database.BeginAsync(ct);
            var decision = await assigner.AssignOrQueueAsync(tx, conversationId, team, clock.GetUtcNow(), ct);
            if (decision is AssignmentDecision.Wait)
            {
                // Nobody of this team has room; a conversation of another team may still fit.
                continue;
            }

            if (decision is null)
            {
                continue;
            }

            var outcome = await conversations.FindOutcomeAsync(tx, conversationId, ct);
            await tx.CommitAsync(ct);
            await context.Publish(outcome!.ToEvent(), ct);
        }
    }
}
