using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Api.Supervision;
using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Conversations;

/// <summary>
/// What an agent does to where a conversation is: take one that waits in their team's queue (claim), or hand their
/// own to a colleague or back to a team's queue (transfer). Supervisors move any conversation of their teams with
/// POST /move instead. Like a move, each change and its history commit in one transaction, and the events follow
/// the commit.
/// </summary>
public static class HandoverEndpoints
{
    public static IEndpointRouteBuilder MapHandoverEndpoints(this IEndpointRouteBuilder app)
    {
        var one = app.MapGroup("/api/conversations/{id:guid}").RequireAuthorization(Policies.Staff).RequireConversationAccess().WithTags("Conversations");
        one.MapPost("/claim", ClaimAsync).WithSummary("An agent takes a conversation waiting in one of their teams' queues");
        one.MapPost("/transfer", TransferAsync).WithSummary("An agent hands their conversation to another agent or back to a team's queue");
        return app;
    }

    private static async Task<IResult> ClaimAsync(Guid id, ClaimsPrincipal user, Database database, ConversationStore conversations, AgentStore agents,
        AssignmentHistoryStore history, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        if (SessionPrincipal.AgentId(user) is not { } agentId || await agents.GetAsync(agentId, ct) is not { } agent)
        {
            return Forbidden("Only agents claim", "Claiming gives a waiting conversation to the agent who claims it; a supervisor moves it with POST /api/conversations/{id}/move.");
        }

        var actor = Actor(user);
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await conversations.LockAsync(tx, [id], ct);
        var placement = await conversations.PlacementAsync(tx, id, ct);
        if (Unmovable(id, placement) is { } refusal)
        {
            return refusal;
        }

        if (placement!.AssigneeId is { } holder)
        {
            return Conflict(holder == agentId ? "Already yours" : "Already taken",
                holder == agentId ? $"Conversation {id} is already assigned to you." : $"Conversation {id} is no longer waiting: another agent has it.");
        }

        var reason = $"claimed by {actor} from the {placement.Team ?? "general"} queue";
        if (await GiveToAgentAsync(tx, id, null, agent, reason, conversations, agents, now, ct) is { } failed)
        {
            return failed;
        }

        await history.RecordAsync(tx, new AssignmentEvent(id, AssignmentKinds.Claimed, agentId, null, placement.Team, reason, actor), now, ct);
        var outcome = (await conversations.FindOutcomeAsync(tx, id, ct))!;
        await tx.CommitAsync(ct);
        await bus.Publish(new ConversationAssigned
        {
            ConversationId = id, CustomerId = outcome.CustomerId, AgentId = agentId, Channel = outcome.Channel, Reason = reason, AssignedAt = now,
        }, ct);
        return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, ct))!));
    }

    private static async Task<IResult> TransferAsync(Guid id, MoveRequest request, ClaimsPrincipal user, Database database,
        ConversationStore conversations, AgentStore agents, AssignmentHistoryStore history, IOptionsMonitor<RoutingTableOptions> routingTable,
        IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        var team = request.Team?.Trim().ToLowerInvariant();
        if (errors.Count == 0 && team is not null && !await SupervisionEndpoints.IsKnownTeamAsync(team, agents, routingTable, ct))
        {
            errors["team"] = [$"No agent works in team '{team}' and the routing table does not name it."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The transfer is not valid");
        }

        if (SessionPrincipal.AgentId(user) is not { } agentId)
        {
            return Forbidden("Only agents transfer", "An agent transfers their own conversation; a supervisor moves one with POST /api/conversations/{id}/move.");
        }

        var target = request.AgentId is { } targetId ? await agents.GetAsync(targetId, ct) : null;
        if (request.AgentId is { } missing && target is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agent not found", detail: $"No agent has id {missing}.");
        }

        var actor = Actor(user);
        var now = clock.GetUtcNow();
        var reason = $"transferred by {actor}: {request.Reason!.Trim()}";
        await using var tx = await database.BeginAsync(ct);
        await conversations.LockAsync(tx, [id], ct);
        var placement = await conversations.PlacementAsync(tx, id, ct);
        if (Unmovable(id, placement) is { } refusal)
        {
            return refusal;
        }

        if (placement!.AssigneeId != agentId)
        {
            return Forbidden("Not your conversation to transfer", $"Conversation {id} is not assigned to you; claim it first, or ask a supervisor to move it.");
        }

        object[] events;
        if (target is not null)
        {
            if (target.Id == agentId)
            {
                return Conflict("Already yours", $"Conversation {id} is already assigned to you.");
            }

            if (await GiveToAgentAsync(tx, id, agentId, target, reason, conversations, agents, now, ct) is { } failed)
            {
                return failed;
            }

            await history.RecordAsync(tx, new AssignmentEvent(id, AssignmentKinds.Transferred, target.Id, agentId, placement.Team, reason, actor), now, ct);
            var outcome = (await conversations.FindOutcomeAsync(tx, id, ct))!;
            events =
            [
                new ConversationMoved { ConversationId = id, FromAgentId = agentId, ToAgentId = target.Id, Reason = reason, MovedBy = actor, MovedAt = now },
                new ConversationAssigned { ConversationId = id, CustomerId = outcome.CustomerId, AgentId = target.Id, Channel = outcome.Channel, Reason = reason, AssignedAt = now },
            ];
        }
        else
        {
            if (!await conversations.RequeueAsync(tx, id, agentId, team!, reason, now, ct))
            {
                return ChangedMeanwhile(id);
            }

            await history.RecordAsync(tx, new AssignmentEvent(id, AssignmentKinds.TransferredToTeam, null, agentId, team, reason, actor), now, ct);
            var outcome = (await conversations.FindOutcomeAsync(tx, id, ct))!;
            events =
            [
                new ConversationMoved { ConversationId = id, FromAgentId = agentId, ToTeam = team, Reason = reason, MovedBy = actor, MovedAt = now },
                new ConversationQueued { ConversationId = id, CustomerId = outcome.CustomerId, Channel = outcome.Channel, Reason = reason, QueuedAt = now },
            ];
        }

        await tx.CommitAsync(ct);
        foreach (var message in events)
        {
            // ConversationMoved lets the routing role give the freed slot to a waiting conversation.
            await bus.Publish(message, ct);
        }

        return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, ct))!));
    }

    /// <summary>Claims a slot of <paramref name="agent"/> and gives them the conversation if <paramref name="from"/>
    /// (null: the queue) still has it; a refusal otherwise.</summary>
    private static async Task<IResult?> GiveToAgentAsync(StoreTransaction tx, Guid id, Guid? from, AgentRecord agent, string reason,
        ConversationStore conversations, AgentStore agents, DateTimeOffset now, CancellationToken ct)
    {
        await agents.LockAsync(tx, from is { } previous ? [previous, agent.Id] : [agent.Id], ct);
        if (!await agents.TryClaimCapacityAsync(tx, agent.Id, now, ct))
        {
            var current = await agents.GetAsync(agent.Id, ct) ?? agent;
            return Conflict("The agent cannot take it", current.Presence != AgentPresence.Online
                ? $"{current.Name} is {current.Presence.ToName()}; only an online agent takes conversations."
                : $"{current.Name} is full at {current.OpenConversations}/{current.Capacity}; resolve or hand over one first.");
        }

        return await conversations.MoveAsync(tx, id, from, agent.Id, reason, now, ct) ? null : ChangedMeanwhile(id);
    }

    private static IResult? Unmovable(Guid id, ConversationPlacement? placement) =>
        placement is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.")
            : placement.Status == ConversationStatus.Resolved.ToName()
                ? Conflict("The conversation is resolved", $"Conversation {id} is resolved; a new message from the customer reopens it.")
                : null;

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static IResult Forbidden(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail);

    private static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    private static IResult ChangedMeanwhile(Guid id) =>
        Conflict("The conversation changed meanwhile", $"Conversation {id} was resolved, claimed or moved meanwhile; nothing changed. Look again and retry.");
}
