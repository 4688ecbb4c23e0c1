using System.Text.RegularExpressions;
using CxInbox.Data.Agents;
using CxInbox.Data.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Auth;

/// <summary>People who sign in, created by an admin (the first ones with the bootstrap admin key).</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.Admin).WithTags("Users and keys");
        users.MapPost("/", CreateAsync).WithSummary("Create a user (agent, supervisor or admin) with a password");
        users.MapGet("/", ListAsync).WithSummary("Every user, without password hashes");
        users.MapGet("/{id:guid}", GetAsync).WithSummary("One user");
        return app;
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

public sealed record UserResponse(Guid Id, string Username, string DisplayName, string Role, Guid? AgentId, IReadOnlyList<string> Teams,
    DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserResponse(user.Id, user.Username, user.DisplayName, user.Role, user.AgentId, user.Teams, user.CreatedAt);
    }
}
