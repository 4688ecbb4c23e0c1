using System.Security.Claims;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Api.Auth;

/// <summary>
/// The one place that decides whose conversations and customers a caller may see and act on: the caller's claims
/// become a <see cref="ConversationVisibility"/> here, and ConversationStore applies it in SQL, to lists and to
/// single conversations alike. Endpoints take part with <see cref="ConversationAccessFilters"/>, not with checks of
/// their own.
/// </summary>
public sealed class ConversationAccess(ConversationStore conversations, CustomerStore customers, AgentStore agents)
{
    /// <summary>Admins see everything; a supervisor the teams they supervise; an agent their own and their queues';
    /// anyone else (an integrator key) nothing.</summary>
    public static ConversationVisibility VisibilityOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(CxInboxRoles.Admin))
        {
            return ConversationVisibility.Everything;
        }

        if (user.IsInRole(CxInboxRoles.Supervisor))
        {
            return ConversationVisibility.OfSupervisor([.. user.FindAll(CxInboxClaims.Team).Select(c => c.Value)]);
        }

        return user.IsInRole(CxInboxRoles.Agent) && SessionPrincipal.AgentId(user) is { } agentId
            ? ConversationVisibility.OfAgent(agentId)
            : ConversationVisibility.Nothing;
    }

    /// <summary>A supervisor manages the agents of the teams they supervise, and agents of no team (who work for
    /// every team); an agent only themselves; admins everyone.</summary>
    public static bool MayManageAgent(ClaimsPrincipal user, Guid agentId, IReadOnlyList<string> agentTeams)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(agentTeams);
        if (user.IsInRole(CxInboxRoles.Admin))
        {
            return true;
        }

        return user.IsInRole(CxInboxRoles.Supervisor)
            ? agentTeams.Count == 0 || agentTeams.Any(team => MaySuperviseTeam(user, team))
            : SessionPrincipal.AgentId(user) == agentId;
    }

    /// <summary>Admins supervise every team; a supervisor the teams of their claims.</summary>
    public static bool MaySuperviseTeam(ClaimsPrincipal user, string team)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(CxInboxRoles.Admin)
            || (user.IsInRole(CxInboxRoles.Supervisor) && user.FindAll(CxInboxClaims.Team).Any(c => string.Equals(c.Value, team, StringComparison.OrdinalIgnoreCase)));
    }

    public async Task<AccessDecision> ToConversationAsync(ClaimsPrincipal user, Guid conversationId, CancellationToken ct)
    {
        var visibility = VisibilityOf(user);
        if (visibility.All)
        {
            return AccessDecision.Allowed;
        }

        var (exists, visible) = await conversations.VisibilityAsync(conversationId, visibility, ct);
        return visible ? AccessDecision.Allowed : exists ? AccessDecision.Forbidden : AccessDecision.NotFound;
    }

    public async Task<AccessDecision> ToAgentAsync(ClaimsPrincipal user, Guid agentId, CancellationToken ct)
    {
        if (user.IsInRole(CxInboxRoles.Admin))
        {
            return AccessDecision.Allowed;
        }

        return await agents.GetAsync(agentId, ct) is { } agent
            ? MayManageAgent(user, agentId, agent.Teams) ? AccessDecision.Allowed : AccessDecision.Forbidden
            : AccessDecision.NotFound;
    }

    /// <summary>Where the caller may send a conversation: to an agent they manage (<see cref="ToAgentAsync"/>) or to
    /// the queue of a team they supervise. A supervisor cannot hand work to, or take it into, a team not theirs.</summary>
    public async Task<AccessDecision> ToMoveTargetAsync(ClaimsPrincipal user, Guid? agentId, string? team, CancellationToken ct)
    {
        if (agentId is { } id)
        {
            return await ToAgentAsync(user, id, ct);
        }

        return team is null || MaySuperviseTeam(user, team.Trim()) ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    /// <summary>A customer is visible through any conversation of theirs the caller may see.</summary>
    public async Task<AccessDecision> ToCustomerAsync(ClaimsPrincipal user, Guid customerId, CancellationToken ct)
    {
        var visibility = VisibilityOf(user);
        if (visibility.All || await conversations.SeesCustomerAsync(customerId, visibility, ct))
        {
            return AccessDecision.Allowed;
        }

        return await customers.GetAsync(customerId, ct) is null ? AccessDecision.NotFound : AccessDecision.Forbidden;
    }
}

public enum AccessDecision
{
    Allowed,
    Forbidden,

    /// <summary>Nothing has that id: the endpoint answers its own 404.</summary>
    NotFound,
}

/// <summary>Endpoint filters that put <see cref="ConversationAccess"/> in front of endpoints with an <c>{id}</c>.</summary>
public static class ConversationAccessFilters
{
    public const string Explanation =
        "An agent sees the conversations assigned to them and those waiting in their teams' queues; a supervisor those of the teams they supervise.";

    /// <summary>403 problem+json unless the caller may see conversation <c>{id}</c>.</summary>
    public static TBuilder RequireConversationAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAccess((access, user, id, ct) => access.ToConversationAsync(user, id, ct), "Not your conversation",
            id => $"Conversation {id} is not yours to see. {Explanation}");

    /// <summary>403 problem+json unless the caller may see one of customer <c>{id}</c>'s conversations.</summary>
    public static TBuilder RequireCustomerAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAccess((access, user, id, ct) => access.ToCustomerAsync(user, id, ct), "Not your customer",
            id => $"Customer {id} has no conversation you may see. {Explanation}");

    /// <summary>403 problem+json unless the caller may manage agent <c>{id}</c> (presence, capacity, pause).</summary>
    public static TBuilder RequireAgentAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAccess((access, user, id, ct) => access.ToAgentAsync(user, id, ct), "Not your agent",
            id => $"You may not change agent {id}: an agent changes only their own presence; a supervisor manages the agents of the teams they supervise.");

    /// <summary>403 problem+json unless the caller may send the conversation where the request body says: an agent
    /// they manage or a team they supervise. Comes after <see cref="RequireConversationAccess"/>, which guards the
    /// conversation itself.</summary>
    public static RouteHandlerBuilder RequireMoveTargetAccess<TRequest>(this RouteHandlerBuilder builder, Func<TRequest, (Guid? AgentId, string? Team)> target) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (context.Arguments.OfType<TRequest>().FirstOrDefault() is { } request)
            {
                var (agentId, team) = target(request);
                var access = http.RequestServices.GetRequiredService<ConversationAccess>();
                if (await access.ToMoveTargetAsync(http.User, agentId, team, http.RequestAborted) == AccessDecision.Forbidden)
                {
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your team",
                        detail: agentId is { } id
                            ? $"You may not move a conversation to agent {id}: a supervisor moves work only to agents of the teams they supervise."
                            : $"You may not move a conversation to team '{team?.Trim()}': a supervisor moves work only to the queues of the teams they supervise.");
                }
            }

            return await next(context);
        });

    private static TBuilder RequireAccess<TBuilder>(this TBuilder builder,
        Func<ConversationAccess, ClaimsPrincipal, Guid, CancellationToken, Task<AccessDecision>> decide, string title, Func<Guid, string> detail)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (RouteId(http) is { } id
                && await decide(http.RequestServices.GetRequiredService<ConversationAccess>(), http.User, id, http.RequestAborted) == AccessDecision.Forbidden)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail(id));
            }

            return await next(context);
        });

    private static Guid? RouteId(HttpContext http) =>
        Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id) ? id : null;
}
