using System.Security.Claims;
using System.Text.Json;
using CxInbox.Api.Agents;
using CxInbox.Api.Auth;
using CxInbox.Api.Conversations;
using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Audit;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Rebalancing;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Supervision;

/// <summary>
/// What a supervisor does to routing: move a conversation, change an agent's capacity, pause and resume an agent,
/// rebalance a team. Each change and its audit record commit in one transaction; the events that let the routing
/// role hand freed capacity to waiting conversations are published after the commit.
/// </summary>
public static class SupervisionEndpoints
{
    // A plan whose move finds the team changed (a resolve, a new assignment, a reply) is made again from the new state.
    private const int RebalanceAttempts = 3;

    public static IEndpointRouteBuilder MapSupervisionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Supervisor).WithTags("Supervision");
        api.MapPost("/conversations/{id:guid}/move", MoveAsync).RequireConversationAccess()
            .WithSummary("Move a conversation to an agent or back to a team's queue (audited)");
        api.MapGet("/conversations/{id:guid}/assignments", AssignmentsAsync).RequireConversationAccess()
            .WithSummary("Every assignment, queueing and move of a conversation, with reasons");
        api.MapPut("/agents/{id:guid}/capacity", SetCapacityAsync).RequireAgentAccess().WithSummary("Change an agent's capacity (audited)");
        api.MapPost("/agents/{id:guid}/pause", PauseAsync).RequireAgentAccess().WithSummary("Pause an agent: no new conversations (audited)");
        api.MapPost("/agents/{id:guid}/resume", ResumeAsync).RequireAgentAccess().WithSummary("Resume a paused agent (audited)");
        api.MapPost("/teams/{team}/rebalance", RebalanceAsync)
            .WithSummary("Preview or apply a rebalance of a team's conversations across its agents");
        api.MapPut("/teams/{team}/lead", SetTeamLeadAsync)
            .WithSummary("Set (or, with agentId null, clear) the agent a team's unanswered conversations escalate to (audited)");
        api.MapGet("/audit", AuditAsync).WithSummary("The audit log, newest first");
        app.MapDashboardEndpoints();
        return app;
    }

    private static async Task<IResult> MoveAsync(Guid id, MoveRequest request, ClaimsPrincipal user, Database database,
        ConversationStore conversations, AgentStore agents, AssignmentHistoryStore history, AuditLog audit,
        IOptionsMonitor<RoutingTableOptions> routingTable, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        var team = request.Team?.Trim().ToLowerInvariant();
        if (errors.Count == 0 && team is not null && !await IsKnownTeamAsync(team, agents, routingTable, ct))
        {
            errors["team"] = [$"No agent works in team '{team}' and the routing table does not name it."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The move is not valid");
        }

        var target = request.AgentId is { } agentId ? await agents.GetAsync(agentId, ct) : null;
        if (request.AgentId is { } missing && target is null)
        {
            return AgentNotFound(missing);
        }

        var actor = Actor(user);
        var now = clock.GetUtcNow();
        var reason = $"moved by {actor}: {request.Reason!.Trim()}";
        await using var tx = await database.BeginAsync(ct);
        await conversations.LockAsync(tx, [id], ct);
        var placement = await conversations.PlacementAsync(tx, id, ct);
        if (ConversationHandover.Unmovable(id, placement) is { } refusal)
        {
            return refusal;
        }

        if (target is not null && placement!.AssigneeId == target.Id)
        {
            return Conflict("Already with that agent", $"{target.Name} already has conversation {id}.");
        }

        var handover = new ConversationHandover(conversations, agents, history);
        var result = target is not null
            ? await handover.ToAgentAsync(tx, id, placement!, target, AssignmentKinds.Moved, reason, actor, now, ct)
            : await handover.ToTeamAsync(tx, id, placement!, team!, AssignmentKinds.MovedToTeam, reason, actor, now, ct);
        if (result.Refusal is { } refused)
        {
            return refused;
        }

        await audit.RecordAsync(tx, new AuditEntry(actor, AuditActions.ConversationMoved, "conversation", id.ToString(), request.Reason!.Trim(),
            Json(new { fromAgentId = placement!.AssigneeId, fromTeam = placement.Team, toAgentId = target?.Id, toTeam = team })), now, ct);
        await tx.CommitAsync(ct);
        foreach (var message in result.Events)
        {
            await bus.Publish(message, ct);
        }

        return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, ct))!));
    }

    private static async Task<IResult> AssignmentsAsync(Guid id, ConversationStore conversations, AssignmentHistoryStore history, CancellationToken ct)
    {
        var entries = await history.ListAsync(id, ct);
        if (entries.Count == 0 && await conversations.GetAsync(id, ct) is null)
        {
            return ConversationNotFound(id);
        }

        return Results.Ok(new AssignmentHistoryResponse(id, [.. entries.Select(AssignmentEntryResponse.From)]));
    }

    private static async Task<IResult> SetCapacityAsync(Guid id, CapacityRequest request, ClaimsPrincipal user, Database database, AgentStore agents,
        AuditLog audit, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The capacity is not valid");
        }

        if (await agents.GetAsync(id, ct) is not { } agent)
        {
            return AgentNotFound(id);
        }

        var actor = Actor(user);
        var now = clock.GetUtcNow();
        var capacity = request.Capacity!.Value;
        await using (var tx = await database.BeginAsync(ct))
        {
            if (!await agents.SetCapacityAsync(tx, id, capacity, ct))
            {
                return AgentNotFound(id);
            }

            await audit.RecordAsync(tx, new AuditEntry(actor, AuditActions.AgentCapacityChanged, "agent", id.ToString(), request.Reason!.Trim(),
                Json(new { previousCapacity = agent.Capacity, capacity })), now, ct);
            await tx.CommitAsync(ct);
        }

        await bus.Publish(new AgentCapacityChanged { AgentId = id, PreviousCapacity = agent.Capacity, Capacity = capacity, ChangedBy = actor, ChangedAt = now }, ct);
        return Results.Ok(AgentResponse.From((await agents.GetAsync(id, ct))!));
    }

    /// <summary>Pausing is presence away: the agent keeps their conversations and gets no new ones (the capacity
    /// claim takes online agents only), and nothing is re-queued, unlike offline.</summary>
    private static Task<IResult> PauseAsync(Guid id, SupervisorNote? note, ClaimsPrincipal user, Database database, AgentStore agents,
        AuditLog audit, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct) =>
        ChangePresenceAsync(id, note, required: true, AgentPresence.Online, AgentPresence.Away, AuditActions.AgentPaused,
            user, database, agents, audit, bus, clock, ct);

    private static Task<IResult> ResumeAsync(Guid id, SupervisorNote? note, ClaimsPrincipal user, Database database, AgentStore agents,
        AuditLog audit, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct) =>
        ChangePresenceAsync(id, note, required: false, AgentPresence.Away, AgentPresence.Online, AuditActions.AgentResumed,
            user, database, agents, audit, bus, clock, ct);

    private static async Task<IResult> ChangePresenceAsync(Guid id, SupervisorNote? note, bool required, AgentPresence from, AgentPresence to,
        string action, ClaimsPrincipal user, Database database, AgentStore agents, AuditLog audit, IPublishEndpoint bus, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        SupervisorReason.Check(note?.Reason, errors, required);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The request is not valid");
        }

        if (await agents.GetAsync(id, ct) is not { } agent)
        {
            return AgentNotFound(id);
        }

        var actor = Actor(user);
        var now = clock.GetUtcNow();
        await using (var tx = await database.BeginAsync(ct))
        {
            if (!await agents.ChangePresenceAsync(tx, id, from, to, now, ct))
            {
                var current = (await agents.GetAsync(id, ct))?.Presence ?? agent.Presence;
                return Conflict(to == AgentPresence.Away ? "The agent cannot be paused" : "The agent is not paused",
                    $"{agent.Name} is {current.ToName()}; only an {from.ToName()} agent can be {(to == AgentPresence.Away ? "paused" : "resumed")}.");
            }

            await audit.RecordAsync(tx, new AuditEntry(actor, action, "agent", id.ToString(), note?.Reason?.Trim() ?? "",
                Json(new { previousStatus = from.ToName(), status = to.ToName() })), now, ct);
            await tx.CommitAsync(ct);
        }

        await bus.Publish(new AgentPresenceChanged { AgentId = id, Status = to.ToName(), ChangedAt = now }, ct);
        return Results.Ok(AgentResponse.From((await agents.GetAsync(id, ct))!));
    }

    /// <summary>The lead is told when nobody else can take a conversation its agent left unanswered
    /// (<c>ConversationEscalated</c>); they must work for the team.</summary>
    private static async Task<IResult> SetTeamLeadAsync(string team, TeamLeadRequest request, ClaimsPrincipal user, Database database, AgentStore agents,
        AuditLog audit, IOptionsMonitor<RoutingTableOptions> routingTable, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The team lead is not valid");
        }

        team = team.Trim().ToLowerInvariant();
        if (!ConversationAccess.MaySuperviseTeam(user, team))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your team", detail: $"You do not supervise team '{team}'.");
        }

        if (!await IsKnownTeamAsync(team, agents, routingTable, ct))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Team not found",
                detail: $"No agent works in team '{team}' and the routing table does not name it.");
        }

        AgentRecord? lead = null;
        if (request.AgentId is { } agentId)
        {
            lead = await agents.GetAsync(agentId, ct);
            if (lead is null)
            {
                return AgentNotFound(agentId);
            }

            if (lead.Teams.Count > 0 && !lead.Teams.Contains(team, StringComparer.OrdinalIgnoreCase))
            {
                return Conflict("Not in the team", $"{lead.Name} does not work in team '{team}'; add them to it first.");
            }
        }

        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var previous = await agents.TeamLeadAsync(tx, team, ct);
        await agents.SetTeamLeadAsync(tx, team, lead?.Id, Actor(user), now, ct);
        await audit.RecordAsync(tx, new AuditEntry(Actor(user), AuditActions.TeamLeadSet, "team", team, request.Reason!.Trim(),
            Json(new { previousLead = previous, lead = lead?.Id })), now, ct);
        await tx.CommitAsync(ct);
        return Results.Ok(new TeamLeadResponse(team, lead is null ? null : new AgentRefResponse(lead.Id, lead.Name)));
    }

    private static async Task<IResult> RebalanceAsync(string team, bool? preview, SupervisorNote? note, ClaimsPrincipal user, Database database,
        ConversationStore conversations, AgentStore agents, AssignmentHistoryStore history, AuditLog audit,
        IOptionsMonitor<RoutingTableOptions> routingTable, IOptionsMonitor<RebalanceOptions> options, IPublishEndpoint bus, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        SupervisorReason.Check(note?.Reason, errors, required: false);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The rebalance is not valid");
        }

        team = team.Trim().ToLowerInvariant();
        if (!ConversationAccess.MaySuperviseTeam(user, team))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your team",
                detail: $"You do not supervise team '{team}'.");
        }

        if (!await IsKnownTeamAsync(team, agents, routingTable, ct))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Team not found",
                detail: $"No agent works in team '{team}' and the routing table does not name it.");
        }

        var guard = options.CurrentValue.RecentReplyGuard;
        var actor = Actor(user);
        for (var attempt = 0; attempt < RebalanceAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            await using var tx = await database.BeginAsync(ct);
            var snapshots = await agents.SnapshotsAsync(tx, ct);
            var plan = RebalancePlanner.Plan(snapshots, await conversations.HeldAsync(tx, ct), team, now, guard);
            if (preview ?? true)
            {
                return Results.Ok(ToResponse(plan, snapshots, applied: false));
            }

            if (!await ApplyAsync(tx, plan, actor, now, guard, conversations, agents, history, ct))
            {
                continue;
            }

            await audit.RecordAsync(tx, new AuditEntry(actor, AuditActions.TeamRebalanced, "team", team, note?.Reason?.Trim() ?? "",
                Json(new { moves = plan.Moves.Select(m => new { m.ConversationId, m.FromAgentId, m.ToAgentId }), keptByGuard = plan.KeptByGuard })), now, ct);
            var outcomes = new List<RoutingOutcome>();
            foreach (var move in plan.Moves)
            {
                outcomes.Add((await conversations.FindOutcomeAsync(tx, move.ConversationId, ct))!);
            }

            await tx.CommitAsync(ct);
            foreach (var (move, outcome) in plan.Moves.Zip(outcomes))
            {
                await bus.Publish(new ConversationMoved { ConversationId = move.ConversationId, FromAgentId = move.FromAgentId, ToAgentId = move.ToAgentId, Reason = move.Reason, MovedBy = actor, MovedAt = now }, ct);
                await bus.Publish(new ConversationAssigned { ConversationId = move.ConversationId, CustomerId = outcome.CustomerId, AgentId = move.ToAgentId, Channel = outcome.Channel, Reason = move.Reason, AssignedAt = now }, ct);
            }

            return Results.Ok(ToResponse(plan, snapshots, applied: true));
        }

        return Conflict("The team kept changing", $"Team {team} changed while its rebalance was applied, {RebalanceAttempts} times; nothing moved. Try again.");
    }

    /// <summary>False when a move found the team changed since the plan was made; the caller rolls back.</summary>
    private static async Task<bool> ApplyAsync(StoreTransaction tx, RebalancePlan plan, string actor, DateTimeOffset now, TimeSpan guard,
        ConversationStore conversations, AgentStore agents, AssignmentHistoryStore history, CancellationToken ct)
    {
        await conversations.LockAsync(tx, [.. plan.Moves.Select(m => m.ConversationId)], ct);
        await agents.LockAsync(tx, plan.Moves.SelectMany(m => new[] { m.FromAgentId, m.ToAgentId }), ct);
        foreach (var move in plan.Moves)
        {
            if (!await agents.TryClaimCapacityAsync(tx, move.ToAgentId, move.ConversationId, now, ct)
                || !await conversations.MoveAsync(tx, move.ConversationId, move.FromAgentId, move.ToAgentId, move.Reason, now, ct, answeredSince: now - guard))
            {
                return false;
            }

            var team = await conversations.PlacementAsync(tx, move.ConversationId, ct);
            await history.RecordAsync(tx, new AssignmentEvent(move.ConversationId, AssignmentKinds.Rebalanced, move.ToAgentId, move.FromAgentId,
                team?.Team, move.Reason, actor), now, ct);
        }

        return true;
    }

    private static RebalanceResponse ToResponse(RebalancePlan plan, IReadOnlyList<AgentSnapshot> snapshots, bool applied)
    {
        var byId = snapshots.ToDictionary(a => a.Id);
        return new RebalanceResponse(plan.Team, applied,
            [.. plan.Moves.Select(m => new RebalanceMoveResponse(m.ConversationId, new AgentRefResponse(m.FromAgentId, byId[m.FromAgentId].Name),
                new AgentRefResponse(m.ToAgentId, byId[m.ToAgentId].Name), m.Reason))],
            [.. plan.LoadBefore.Select(l => new AgentLoadResponse(l.Key, byId[l.Key].Name, byId[l.Key].Capacity, l.Value, plan.LoadAfter[l.Key]))
                .OrderBy(a => a.Name, StringComparer.Ordinal)],
            plan.KeptByGuard);
    }

    private static async Task<IResult> AuditAsync([AsParameters] AuditQuery query, AuditLog audit, CancellationToken ct)
    {
        var errors = query.Validate(out var filter);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The audit filter is not valid");
        }

        var page = await audit.ListAsync(filter, ct);
        return Results.Ok(new AuditPageResponse([.. page.Items.Select(AuditEntryResponse.From)], page.Page, page.PageSize, page.Total));
    }

    internal static async Task<bool> IsKnownTeamAsync(string team, AgentStore agents, IOptionsMonitor<RoutingTableOptions> routingTable, CancellationToken ct)
    {
        var table = routingTable.CurrentValue.ToTable();
        var routed = new[] { table.Complaint, table.SalesOpportunity }.Concat(table.ByStage.Values).Select(t => t.Team);
        return routed.Contains(team, StringComparer.OrdinalIgnoreCase)
            || (await agents.ListAsync(ct)).Any(a => a.Teams.Contains(team, StringComparer.OrdinalIgnoreCase));
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static string Json(object details) => JsonSerializer.Serialize(details, JsonSerializerOptions.Web);

    private static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    private static IResult ConversationNotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.");

    private static IResult AgentNotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agent not found", detail: $"No agent has id {id}.");
}
