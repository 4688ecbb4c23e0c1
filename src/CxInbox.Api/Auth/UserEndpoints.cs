using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxInbox.Api.Supervision;
using CxInbox.Data.Agents;
using CxInbox.Data.Audit;
using CxInbox.Data.Storage;
using CxInbox.Data.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Auth;

/// <summary>People who sign in, created and changed by an admin (the first ones with the bootstrap admin key).</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.Admin).WithTags("Users and keys");
        users.MapPost("/", CreateAsync).WithSummary("Create a user (agent, supervisor or admin) with a password");
        users.MapGet("/", ListAsync).WithSummary("Every user, without password hashes");
        users.MapGet("/{id:guid}", GetAsync).WithSummary("One user");
        users.MapPatch("/{username}", ChangeAsync)
            .WithSummary("Disable or enable a user, or change their role or teams; their sessions end (audited)");
        return app;
    }

    private static async Task<IResult> ChangeAsync(string username, ChangeUserRequest request, ClaimsPrincipal caller, UserStore users,
        Database database, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The change is not valid");
        }

        username = UserNames.Normalise(username);
        if (await users.FindByUsernameAsync(username, ct) is not { } user)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"No user is named {username}.");
        }

        var change = request.ApplyTo(user, clock.GetUtcNow(), errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The change is not valid");
        }

        // The last admin could otherwise lock everyone out; another admin can still do it.
        if (caller.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString() && (change.DisabledAt is not null || change.Role != CxInboxRoles.Admin))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not on yourself",
                detail: "You cannot disable yourself or take away your own admin role; another admin can.");
        }

        var action = (user.DisabledAt is null, change.DisabledAt is null) switch
        {
            (true, false) => AuditActions.UserDisabled,
            (false, true) => AuditActions.UserEnabled,
            _ => AuditActions.UserChanged,
        };
        await using (var tx = await database.BeginAsync(ct))
        {
            if (!await users.ChangeAsync(tx, user.Id, change, ct))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"No user is named {username}.");
            }

            await audit.RecordAsync(tx, new AuditEntry(caller.Identity?.Name ?? "unknown", action, "user", user.Username, request.Reason?.Trim() ?? "",
                JsonSerializer.Serialize(new
                {
                    previousRole = user.Role, role = change.Role, previousTeams = user.Teams, teams = change.Teams,
                    previousDisabled = user.DisabledAt is not null, disabled = change.DisabledAt is not null,
                }, JsonSerializerOptions.Web)), clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }

        return Results.Ok(UserResponse.From((await users.GetAsync(user.Id, ct))!));
    }

    private static async Task<IResult> CreateAsync(CreateUserRequest request, UserStore users, AgentStore agents,
        IPasswordHasher<UserRecord> hasher, TimeProvider clock, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count == 0 && request.AgentId is { } agentId && await agents.GetAsync(agentId, ct) is null)
        {
            errors["agentId"] = [$"No agent has id {agentId}; create the agent first (POST /api/agents)."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The user is not valid");
        }

        var username = UserNames.Normalise(request.Username!);
        var teams = (request.Teams ?? []).Select(t => t.Trim().ToLowerInvariant()).ToList();
        var (outcome, user) = await users.CreateAsync(new NewUser(username, request.DisplayName!.Trim(),
            hasher.HashPassword(new UserRecord { Username = username }, request.Password!), request.Role!, request.AgentId, teams), clock.GetUtcNow(), ct);
        return outcome switch
        {
            UserCreation.Created => Results.Created($"/api/users/{user!.Id}", UserResponse.From(user)),
            UserCreation.UsernameTaken => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Username taken",
                detail: $"A user named {username} exists already."),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Agent taken",
                detail: $"Agent {request.AgentId} already has a user; one person works as one agent."),
        };
    }

    private static async Task<IResult> ListAsync(UserStore users, CancellationToken ct) =>
        Results.Ok((await users.ListAsync(ct)).Select(UserResponse.From));

    private static async Task<IResult> GetAsync(Guid id, UserStore users, CancellationToken ct) =>
        await users.GetAsync(id, ct) is { } user
            ? Results.Ok(UserResponse.From(user))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"No user has id {id}.");
}

public sealed partial record CreateUserRequest(string? Username, string? DisplayName, string? Password, string? Role, Guid? AgentId = null,
    IReadOnlyList<string>? Teams = null)
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Username is null || !UsernameShape().IsMatch(UserNames.Normalise(Username)))
        {
            errors["username"] = ["Required: 1 to 64 of a-z, 0-9, '.', '_', '-', '@', starting with a letter or digit (compared lower-case)."];
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Trim().Length > 200)
        {
            errors["displayName"] = ["Required, at most 200 characters."];
        }

        if (Password is null || Password.Length < MinPasswordLength || Password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"Required, {MinPasswordLength} to {MaxPasswordLength} characters."];
        }

        if (Role is null || !CxInboxRoles.People.Contains(Role))
        {
            errors["role"] = ["Must be one of agent, supervisor, admin."];
        }
        else if ((Role == CxInboxRoles.Agent) != AgentId.HasValue)
        {
            errors["agentId"] = [Role == CxInboxRoles.Agent
                ? "An agent user works as an agent: give the agent's id (POST /api/agents creates one)."
                : "Only an agent user has an agentId."];
        }

        if (Role == CxInboxRoles.Supervisor && (Teams is null || Teams.Count == 0))
        {
            errors["teams"] = ["A supervisor supervises at least one team."];
        }
        else if (Role is CxInboxRoles.Agent or CxInboxRoles.Admin && Teams is { Count: > 0 })
        {
            errors["teams"] = [Role == CxInboxRoles.Agent
                ? "An agent's teams are those of their agent (POST /api/agents); leave teams out."
                : "An admin sees every team; leave teams out."];
        }
        else if (Teams is not null && Teams.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 100))
        {
            errors["teams"] = ["Each team must be a non-empty name of at most 100 characters."];
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$")]
    private static partial Regex UsernameShape();
}

/// <summary>Only what changes: <see cref="Disabled"/>, <see cref="Role"/>, <see cref="Teams"/> (the whole new list);
/// at least one of them. An agent user stays an agent (their teams are their agent's); only a user created with an
/// agent is one.</summary>
public sealed record ChangeUserRequest(bool? Disabled, string? Role, IReadOnlyList<string>? Teams, string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Disabled is null && Role is null && Teams is null)
        {
            errors["disabled, role, teams"] = ["Give at least one: disabled (true or false), role, or teams."];
        }

        if (Role is not null && !CxInboxRoles.People.Contains(Role))
        {
            errors["role"] = ["Must be one of agent, supervisor, admin."];
        }

        if (Teams is not null && Teams.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > 100))
        {
            errors["teams"] = ["Each team must be a non-empty name of at most 100 characters."];
        }

        if (Reason is not null && Reason.Length > SupervisorReason.MaxLength)
        {
            errors["reason"] = [$"At most {SupervisorReason.MaxLength} characters: it goes into the audit log."];
        }

        return errors;
    }

    /// <summary>The user as they would be after this change, or the reasons it does not fit them in
    /// <paramref name="errors"/>.</summary>
    public UserChange ApplyTo(UserRecord user, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(errors);
        var role = Role ?? user.Role;
        if (user.AgentId is not null && role != CxInboxRoles.Agent)
        {
            errors["role"] = ["This user works as an agent and stays one; create another user for a different role."];
        }
        else if (user.AgentId is null && role == CxInboxRoles.Agent)
        {
            errors["role"] = ["Only a user created with an agent (agentId) is an agent."];
        }

        var teams = Teams?.Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList()
            ?? (role == CxInboxRoles.Supervisor ? [.. user.Teams] : []);
        if (role == CxInboxRoles.Supervisor && teams.Count == 0)
        {
            errors["teams"] = ["A supervisor supervises at least one team."];
        }
        else if (role != CxInboxRoles.Supervisor && teams.Count > 0)
        {
            errors["teams"] = [role == CxInboxRoles.Agent
                ? "An agent's teams are those of their agent; leave teams out."
                : "An admin sees every team; leave teams out."];
        }

        var disabledAt = Disabled switch
        {
            true => user.DisabledAt ?? now,
            false => null,
            null => user.DisabledAt,
        };
        return new UserChange(role, teams, disabledAt);
    }
}

public sealed record UserResponse(Guid Id, string Username, string DisplayName, string Role, Guid? AgentId, IReadOnlyList<string> Teams,
    DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt)
{
    public static UserResponse From(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserResponse(user.Id, user.Username, user.DisplayName, user.Role, user.AgentId, user.Teams, user.CreatedAt, user.DisabledAt);
    }
}
