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
        if (ConversationHandover.Unmovable(id, placement) is { } refusal)
        {
            return refusal;
        }

        if (placement!.AssigneeId is { } holder)
        {
            return Conflict(holder == agentId ? "Already yours" : "Already taken",
                holder == agentId ? $"Conversation {id} is already assigned to you." : $"Conversation {id} is no longer waiting: another agent has it.");
        }

        var reason = $"claimed by {actor} from the {placement.Team ?? "general"} queue";
        var result = await new ConversationHandover(conversations, agents, history)
            .ToAgentAsync(tx, id, placement, agent, AssignmentKinds.Claimed, reason, actor, now, ct);
        return await FinishAsync(tx, id, result, conversations, bus, ct);
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
        if (ConversationHandover.Unmovable(id, placement) is { } refusal)
        {
            return refusal;
        }

        if (placement!.AssigneeId != agentId)
        {
            return Forbidden("Not your conversation to transfer", $"Conversation {id} is not assigned to you; claim it first, or ask a supervisor to move it.");
        }

        if (target?.Id == agentId)
        {
            return Conflict("Already yours", $"Conversation {id} is already assigned to you.");
        }

        var handover = new ConversationHandover(conversations, agents, history);
        var result = target is not null
            ? await handover.ToAgentAsync(tx, id, placement, target, AssignmentKinds.Transferred, reason, actor, now, ct)
            : await handover.ToTeamAsync(tx, id, placement, team!, AssignmentKinds.TransferredToTeam, reason, actor, now, ct);
        return await FinishAsync(tx, id, result, conversations, bus, ct);
    }

    private static async Task<IResult> FinishAsync(StoreTransaction tx, Guid id, HandoverResult result, ConversationStore conversations,
        IPublishEndpoint bus, CancellationToken ct)
    {
        if (result.Refusal is { } refused)
        {
            return refused;
        }

        await tx.CommitAsync(ct);
        foreach (var message in result.Events)
        {
            await bus.Publish(message, ct);
        }

        return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, ct))!));
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static IResult Forbidden(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail);

    private static IResult Conflict(string title, string detail) => ConversationHandover.Conflict(title, detail);
}
