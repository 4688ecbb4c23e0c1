using System.Globalization;
using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using Microsoft.AspNetCore.Http;

namespace CxInbox.Api.Conversations;

/// <summary>
/// Giving a locked conversation to an agent or back to a team's queue, inside the caller's transaction: the one way a
/// supervisor's move, an agent's transfer and an agent's claim change where a conversation is. Each records its
/// history and returns the events to publish after the commit, or a problem when nothing may change.
/// </summary>
internal sealed class ConversationHandover(ConversationStore conversations, AgentStore agents, AssignmentHistoryStore history)
{
    public async Task<HandoverResult> ToAgentAsync(StoreTransaction tx, Guid id, ConversationPlacement placement, AgentRecord target,
        string kind, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        var from = placement.AssigneeId;
        await agents.LockAsync(tx, from is { } previous ? [previous, target.Id] : [target.Id], ct);
        if (!await agents.TryClaimCapacityAsync(tx, target.Id, id, now, ct))
        {
            var current = await agents.GetAsync(target.Id, ct) ?? target;
            return HandoverResult.Refused(Conflict("The agent cannot take it", current.Presence != AgentPresence.Online
                ? $"{current.Name} is {current.Presence.ToName()}; only an online agent takes conversations."
                : $"{current.Name} {(current.Load >= current.Capacity ? "is full" : "has no room for it")} at "
                    + $"{current.Load.ToString("0.##", CultureInfo.InvariantCulture)}/{current.Capacity}; raise their capacity, or move or resolve one of theirs first."));
        }

        if (!await conversations.MoveAsync(tx, id, from, target.Id, reason, now, ct))
        {
            return HandoverResult.Refused(ChangedMeanwhile(id));
        }

        await history.RecordAsync(tx, new AssignmentEvent(id, kind, target.Id, from, placement.Team, reason, actor), now, ct);
        var outcome = (await conversations.FindOutcomeAsync(tx, id, ct))!;
        var assigned = new ConversationAssigned
        {
            ConversationId = id, CustomerId = outcome.CustomerId, AgentId = target.Id, Channel = outcome.Channel, Reason = reason, AssignedAt = now,
        };
        // A claim is the agent taking work, not someone moving it: only the assignment is announced. After a move or a
        // transfer, ConversationMoved lets the routing role give the freed slot to a waiting conversation.
        return kind == AssignmentKinds.Claimed
            ? HandoverResult.Done(assigned)
            : HandoverResult.Done(
                new ConversationMoved { ConversationId = id, FromAgentId = from, ToAgentId = target.Id, Reason = reason, MovedBy = actor, MovedAt = now },
                assigned);
    }

    public async Task<HandoverResult> ToTeamAsync(StoreTransaction tx, Guid id, ConversationPlacement placement, string team,
        string kind, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (!await conversations.RequeueAsync(tx, id, placement.AssigneeId, team, reason, now, ct))
        {
            return HandoverResult.Refused(ChangedMeanwhile(id));
        }

        await history.RecordAsync(tx, new AssignmentEvent(id, kind, null, placement.AssigneeId, team, reason, actor), now, ct);
        var outcome = (await conversations.FindOutcomeAsync(tx, id, ct))!;
        return HandoverResult.Done(
            new ConversationMoved { ConversationId = id, FromAgentId = placement.AssigneeId, ToTeam = team, Reason = reason, MovedBy = actor, MovedAt = now },
            new ConversationQueued { ConversationId = id, CustomerId = outcome.CustomerId, Channel = outcome.Channel, Reason = reason, QueuedAt = now });
    }

    /// <summary>Not found, or resolved (a new customer message reopens it): nothing may move it.</summary>
    public static IResult? Unmovable(Guid id, ConversationPlacement? placement) =>
        placement is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.")
            : placement.Status == ConversationStatus.Resolved.ToName()
                ? Conflict("The conversation is resolved", $"Conversation {id} is resolved; a new message from the customer reopens it.")
                : null;

    public static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    private static IResult ChangedMeanwhile(Guid id) =>
        Conflict("The conversation changed meanwhile", $"Conversation {id} was resolved, claimed or moved meanwhile; nothing changed. Look again and retry.");
}

/// <summary>The events to publish after the commit, or the problem that refused the handover.</summary>
internal sealed record HandoverResult(IResult? Refusal, IReadOnlyList<object> Events)
{
    public static HandoverResult Refused(IResult problem) => new(problem, []);

    public static HandoverResult Done(params object[] events) => new(null, events);
}
