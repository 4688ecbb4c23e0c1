using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.RoutingService.ServiceLevels;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Assignment;

/// <summary>
/// No reply, no keeping: a conversation whose agent has not answered the waiting customer within
/// <c>Routing:Sla:ReassignWithoutReplyAfter</c> of getting it goes to another eligible agent with room, by the same
/// policy as a new conversation, never to an agent who already lost it that way. When nobody else can take it, its
/// agent keeps it (a slow answer beats none, and the lead's capacity is not stretched) and it escalates: marked,
/// recorded in its history and announced with <see cref="ConversationEscalated"/> to the team's lead, once while that
/// agent holds it.
/// </summary>
public sealed partial class NoReplyReassigner(
    Database database,
    ConversationStore conversations,
    AgentStore agents,
    AssignmentHistoryStore history,
    IBus bus,
    IOptionsMonitor<ServiceLevelOptions> options,
    TimeProvider clock,
    ILogger<NoReplyReassigner> logger) : PeriodicSweep(clock)
{
    private const int Batch = 50;

    protected override TimeSpan Interval => options.CurrentValue.CheckInterval;

    protected override void LogSweepFailed(Exception exception) => LogReassignFailed(logger, exception);

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var after = options.CurrentValue.ReassignWithoutReplyAfter;
        if (after <= TimeSpan.Zero)
        {
            return;
        }

        foreach (var conversation in await conversations.UnansweredSinceAssignedAsync(Clock.GetUtcNow() - after, Batch, cancellationToken))
        {
            await ReassignAsync(conversation, after, cancellationToken);
        }
    }

    private async Task ReassignAsync(UnansweredConversation conversation, TimeSpan after, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await conversations.LockAsync(tx, [conversation.Id], ct);
        var everyone = await agents.SnapshotsAsync(tx, ct);
        var silent = everyone.FirstOrDefault(a => a.Id == conversation.AgentId);
        var needs = new ConversationNeeds(conversation.Team, conversation.Language, conversation.Channel, conversation.Weight, conversation.RequiredSkill);
        // Never back to an agent who already lost it for silence: it would go round between two quiet agents.
        var passed = (await history.LostWithoutReplyAsync(tx, conversation.Id, ct)).Append(conversation.AgentId).ToHashSet();
        var decision = AssignmentPolicy.Decide([.. everyone.Where(a => !passed.Contains(a.Id))], needs);
        if (decision is AssignmentDecision.Wait nobody)
        {
            await EscalateAsync(tx, conversation, silent, everyone, after, nobody.Reason, now, ct);
            return;
        }

        var next = (AssignmentDecision.Assign)decision;
        if (!await agents.TryClaimCapacityAsync(tx, next.AgentId, conversation.Id, now, ct))
        {
            return; // the slot just went: try again at the next round
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

    private async Task EscalateAsync(StoreTransaction tx, UnansweredConversation conversation, AgentSnapshot? silent, IReadOnlyList<AgentSnapshot> everyone,
        TimeSpan after, string whyNobody, DateTimeOffset now, CancellationToken ct)
    {
        var lead = conversation.Team is { } team ? await agents.TeamLeadAsync(tx, team, ct) : null;
        var holder = silent?.Name ?? "the agent";
        var to = lead is { } id
            ? $"escalated to team lead {everyone.FirstOrDefault(a => a.Id == id)?.Name ?? id.ToString()}"
            : $"escalated, but team {conversation.Team ?? "(none)"} has no lead";
        var reason = $"no reply from {holder} within {after} and {whyNobody}: {to}; {holder} keeps it";
        if (!await conversations.MarkEscalatedAsync(tx, conversation.Id, conversation.AgentId, lead, now, ct))
        {
            return; // escalated already while this agent holds it, or it left them meanwhile
        }

        // The holder stays the row's agent: the history's latest agent is whom a returning customer goes back to.
        await history.RecordAsync(tx, new AssignmentEvent(conversation.Id, AssignmentKinds.Escalated, conversation.AgentId, null, conversation.Team, reason), now, ct);
        var outcome = (await conversations.FindOutcomeAsync(tx, conversation.Id, ct))!;
        await tx.CommitAsync(ct);
        await bus.Publish(new ConversationEscalated
        {
            ConversationId = conversation.Id, CustomerId = outcome.CustomerId, Channel = outcome.Channel, AgentId = conversation.AgentId,
            Team = conversation.Team, LeadAgentId = lead, Reason = reason, EscalatedAt = now,
        }, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reassigning unanswered conversations failed; trying again at the next interval.")]
    private static partial void LogReassignFailed(ILogger logger, Exception exception);
}
