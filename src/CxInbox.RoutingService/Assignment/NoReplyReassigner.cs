using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.RoutingService.ServiceLevels;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Assignment;

/// <summary>
/// No reply, no keeping: a conversation whose agent has not answered the waiting customer within
/// <c>Routing:Sla:ReassignWithoutReplyAfter</c> of getting it goes to another eligible agent with room, by the same
/// policy as a new conversation, never to an agent who already lost it that way. When nobody else can take it, its
/// agent keeps it: a slow answer beats none.
/// </summary>
public sealed partial class NoReplyReassigner(
    Database database,
    ConversationStore conversations,
    AgentStore agents,
    AssignmentHistoryStore history,
    IBus bus,
    IOptionsMonitor<ServiceLevelOptions> options,
    TimeProvider clock,
    ILogger<NoReplyReassigner> logger) : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.CurrentValue.CheckInterval, clock, stoppingToken);
            var after = options.CurrentValue.ReassignWithoutReplyAfter;
            if (after <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                foreach (var conversation in await conversations.UnansweredSinceAssignedAsync(clock.GetUtcNow() - after, Batch, stoppingToken))
                {
                    await ReassignAsync(conversation, after, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReassignFailed(logger, e);
            }
        }
    }

    private async Task ReassignAsync(UnansweredConversation conversation, TimeSpan after, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await conversations.LockAsync(tx, [conversation.Id], ct);
        var everyone = await agents.SnapshotsAsync(tx, ct);
        var silent = everyone.FirstOrDefault(a => a.Id == conversation.AgentId);
        var needs = new ConversationNeeds(conversation.Team, conversation.Language, conversation.Channel, conversation.Weight);
        // Never back to an agent who already lost it for silence: it would go round between two quiet agents.
        var passed = (await history.LostWithoutReplyAsync(tx, conversation.Id, ct)).Append(conversation.AgentId).ToHashSet();
        if (AssignmentPolicy.Decide([.. everyone.Where(a => !passed.Contains(a.Id))], needs) is not AssignmentDecision.Assign next
            || !await agents.TryClaimCapacityAsync(tx, next.AgentId, conversation.Id, now, ct))
        {
            return; // nobody else can take it now, or the slot just went: try again at the next round
        }

        var reason = $"no reply from {silent?.Name ?? "the agent"} within {after}: {next.Reason}";
        if (!await conversations.MoveAsync(tx, conversation.Id, conversation.AgentId, next.AgentId, reason, now, ct, answeredSince: conversation.AssignedAt))
        {
            return; // answered or moved meanwhile; the rollback returns the claimed slot
        }

        await history.RecordAsync(tx, new AssignmentEvent(conversation.Id, AssignmentKinds.ReassignedWithoutReply, next.AgentId, conversation.AgentId,
            conversation.Team, reason), now, ct);
        var outcome = await conversations.FindOutcomeAsync(tx, conversation.Id, ct);
        await tx.CommitAsync(ct);
        await bus.Publish(outcome!.ToEvent(), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reassigning unanswered conversations failed; trying again at the next interval.")]
    private static partial void LogReassignFailed(ILogger logger, Exception exception);
}
