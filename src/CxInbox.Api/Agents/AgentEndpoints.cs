using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Api.Conversations;
using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Routing.Assignment;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Agents;

public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/agents").RequireAuthorization(Policies.Staff).WithTags("Agents");
        agents.MapGet("/", ListAsync).WithSummary("Every agent with presence, load and capacity");
        agents.MapPost("/", CreateAsync).RequireAuthorization(Policies.Supervisor).WithSummary("Create an agent");
        agents.MapGet("/{id:guid}", GetAsync).WithSummary("One agent");
        agents.MapPut("/{id:guid}/presence", SetPresenceAsync).RequireAgentAccess()
            .WithSummary("Set presence: an agent their own, a supervisor their teams' agents'");
        agents.MapGet("/{id:guid}/conversations", ConversationsAsync).WithSummary("An agent's conversations, as far as the caller may see them");
        return app;
    }

    private static async Task<IResult> ListAsync(AgentStore store, CancellationToken ct) =>
        Results.Ok((await store.ListAsync(ct)).Select(AgentResponse.From));

    private static async Task<IResult> GetAsync(Guid id, AgentStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } agent ? Results.Ok(AgentResponse.From(agent)) : NotFound(id);

    private static async Task<IResult> CreateAsync(CreateAgentRequest request, AgentStore store, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate(out var presence);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The agent is not valid");
        }

        var now = clock.GetUtcNow();
        var agent = await store.CreateAsync(new NewAgent(request.Name!.Trim(), [.. (request.Skills ?? []).Select(s => s.Trim())],
            request.Capacity ?? CreateAgentRequest.DefaultCapacity, presence)
        {
            Teams = [.. (request.Teams ?? []).Select(t => t.Trim().ToLowerInvariant())],
            Languages = request.Languages ?? [],
            Channels = request.Channels ?? [],
        }, now, ct);
        if (presence == AgentPresence.Online)
        {
            await bus.Publish(new AgentPresenceChanged { AgentId = agent.Id, Status = presence.ToName(), ChangedAt = now }, ct);
        }

        return Results.Created($"/api/agents/{agent.Id}", AgentResponse.From(agent));
    }

    private static async Task<IResult> SetPresenceAsync(Guid id, PresenceRequest request, AgentStore store, IPublishEndpoint bus,
        TimeProvider clock, CancellationToken ct)
    {
        if (!AgentPresenceNames.TryParse(request.Status, out var presence))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = ["Must be one of online, away, offline."] },
                title: "The presence is not valid");
        }

        if (!await store.SetPresenceAsync(id, presence, clock.GetUtcNow(), ct))
        {
            return NotFound(id);
        }

        await bus.Publish(new AgentPresenceChanged { AgentId = id, Status = presence.ToName(), ChangedAt = clock.GetUtcNow() }, ct);
        return Results.Ok(AgentResponse.From((await store.GetAsync(id, ct))!));
    }

    private static async Task<IResult> ConversationsAsync(Guid id, [AsParameters] ConversationQuery query, ClaimsPrincipal user, AgentStore agents,
        ConversationStore conversations, CancellationToken ct)
    {
        if (await agents.GetAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        return await ConversationEndpoints.ListAsync(query with { AssigneeId = id }, user, conversations, ct);
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Agent not found", detail: $"No agent has id {id}.");
}
