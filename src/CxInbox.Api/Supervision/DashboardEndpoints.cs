using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Data.Agents;
using CxInbox.Data.Supervision;
using CxInbox.Routing.Tagging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Supervision;

/// <summary>What a supervisor watches: agents' load and waiting customers, queue depth, open SLA breaches and the
/// day's volume. Read-only; the console fetches it again whenever the hub reports a change.</summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/supervision/dashboard", GetAsync).RequireAuthorization(Policies.Supervisor).WithTags("Supervision")
            .WithSummary("Agents' load and waiting customers, queues, open SLA breaches and the volume by hour");
        return app;
    }

    private static async Task<IResult> GetAsync([AsParameters] DashboardQuery query, ClaimsPrincipal user, DashboardStore dashboard, AgentStore agents,
        IOptionsMonitor<RoutingTableOptions> routingTable, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = query.Validate(now, out var from, out var to);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The dashboard query is not valid");
        }

        var team = query.Team?.Trim().ToLowerInvariant();
        if (team is not null && !await SupervisionEndpoints.IsKnownTeamAsync(team, agents, routingTable, ct))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Team not found",
                detail: $"No agent works in team '{team}' and the routing table does not name it.");
        }

        // Admins see every team; a supervisor sees the teams they supervise, one of them when they ask for it.
        IReadOnlyCollection<string>? teams;
        if (user.IsInRole(CxInboxRoles.Admin))
        {
            teams = team is null ? null : [team];
        }
        else
        {
            var supervised = user.FindAll(CxInboxClaims.Team).Select(c => c.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            if (team is not null && !supervised.Contains(team))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your team",
                    detail: $"You supervise {(supervised.Count == 0 ? "no team" : string.Join(", ", supervised.Order(StringComparer.Ordinal)))}, not '{team}'.");
            }

            teams = team is null ? supervised : [team];
        }

        var facts = await dashboard.ReadAsync(from, to, ct);
        return Results.Ok(DashboardResponse.From(facts, teams, from, to, now));
    }
}
