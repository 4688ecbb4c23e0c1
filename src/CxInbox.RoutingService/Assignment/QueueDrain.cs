using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Assignment;

/// <summary>Hands waiting conversations, most urgent and oldest first, to whoever has room; used whenever capacity
/// frees up (an agent comes online, a conversation is resolved, an agent leaves and their work is re-queued). Only
/// conversations someone with room may take are tried (<see cref="QueueSelection"/>), so those nobody can take do
/// not hold up the rest.</summary>
public sealed class QueueDrain(Database database, ConversationStore conversations, AgentStore agents, ConversationAssigner assigner,
    IOptionsMonitor<ChannelWeightOptions> channelWeights, TimeProvider clock)
{
    public async Task DrainAsync(IPublishEndpoint bus, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bus);
        IReadOnlyList<AgentSnapshot> everyone;
        await using (var read = await database.BeginSnapshotAsync(ct))
        {
            everyone = await agents.SnapshotsAsync(read, ct);
        }

        var room = QueueSelection.FreeRoom(everyone);
        if (room <= 0)
        {
            return;
        }

        // As many of each kind as could fit if all weighed what the lightest channel weighs.
        var fits = Math.Ceiling(room / channelWeights.CurrentValue.ToWeights().Minimum);
        var waiting = await conversations.WaitingAsync((int)Math.Min(fits, ConversationStore.MaxWaitingPerKind), ct);
        foreach (var candidate in QueueSelection.Candidates(waiting, everyone))
        {
            await using var tx = await database.BeginAsync(ct);
            // The conversation's row before any agent's (the store's lock order): a supervisor moving this
            // conversation locks it first too, so the two wait in line instead of in a cycle.
            if (!await conversations.LockIfWaitingAsync(tx, candidate.Id, ct))
            {
                continue;
            }

            var decision = await assigner.AssignOrQueueAsync(tx, candidate.Id, candidate.Needs, firstTimeCustomer: false, behind: null, clock.GetUtcNow(), ct);
            if (decision is not AssignmentDecision.Assign)
            {
                // Loads changed since the selection, or another router took it: the rollback leaves it as it was.
                continue;
            }

            var outcome = await conversations.FindOutcomeAsync(tx, candidate.Id, ct);
            await tx.CommitAsync(ct);
            await bus.Publish(outcome!.ToEvent(), ct);
        }
    }
}
