using System.Globalization;
using System.Security.Claims;
using CxInbox.Data.Agents;
using CxInbox.Data.Audit;
using CxInbox.Data.Storage;
using CxInbox.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxInbox.Api.Auth;

/// <summary>Sign-in and sign-out for people, and their own password: the session is an HttpOnly, SameSite=Strict
/// cookie that ends when an admin disables or changes the user (see <see cref="SessionPrincipal.ValidateAsync"/>).</summary>
public static class SessionEndpoints
{
    private static readonly UserRecord Nobody = new();

    private static string? unknownUserHash;

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Session");
        session.MapPost("/", SignInAsync).AllowAnonymous()
            .WithSummary("Sign in with username and password; sets the cxinbox.session cookie");
        session.MapGet("/", GetAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Who is signed in: username, display name, role, agent and teams");
        session.MapPut("/password", ChangePasswordAsync).RequireAuthorization(Policies.Staff)
            .WithSummary("Change your own password (give the current one); your other sessions end (audited)");
        // A Delegate, not a RequestDelegate: the IResult is the answer.
        session.MapDelete("/", (Delegate)SignOutAsync).AllowAnonymous()
            .WithSummary("Sign out; clears the session cookie");
        return app;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext context, UserStore users, AgentStore agents,
        IPasswordHasher<UserRecord> hasher, SignInThrottle throttle, ILoggerFactory loggers, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["username, password"] = ["Both are required."] },
                title: "The sign-in is not valid");
        }

        var username = UserNames.Normalise(request.Username);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (Throttled(context, throttle, client, username) is { } tooMany)
        {
            return tooMany;
        }

        var user = await users.FindByUsernameAsync(username, ct);
        var verified = Verify(hasher, user, request.Password);
        if (verified == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(client, username);
            loggers.CreateLogger(typeof(SessionEndpoints)).LogWarning("Failed sign-in for {Username} from {Client}", username, client);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The username or the password is not right.");
        }

        if (user!.DisabledAt is not null)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "User disabled",
                detail: $"An admin disabled {username}; ask an admin to enable the user again.");
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Hashed under older settings (fewer PBKDF2 iterations): store it again under today's.
            await users.SetPasswordHashAsync(user!.Id, hasher.HashPassword(user, request.Password), ct);
        }

        await StartSessionAsync(context, user, agents, ct);
        return Results.NoContent();
    }

    private static async Task StartSessionAsync(HttpContext context, UserRecord user, AgentStore agents, CancellationToken ct)
    {
        var agentTeams = user.AgentId is { } agentId ? (await agents.GetAsync(agentId, ct))?.Teams ?? [] : [];
        await context.SignInAsync(AuthRegistration.CookieScheme, SessionPrincipal.Create(user, agentTeams));
    }

    /// <summary>Checks the current password like a sign-in (same throttle), stores the new one and ends the user's
    /// other sessions; this session gets a fresh cookie.</summary>
    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, HttpContext context, UserStore users, AgentStore agents,
        IPasswordHasher<UserRecord> hasher, SignInThrottle throttle, Database database, AuditLog audit, TimeProvider clock, CancellationToken ct)
    {
        if (context.User.Identity?.AuthenticationType != AuthRegistration.CookieScheme
            || !Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No password to change",
                detail: "Only a person signed in with a password has one; an API key is revoked and created again instead.");
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The password change is not valid");
        }

        var username = context.User.Identity.Name ?? "";
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (Throttled(context, throttle, client, username) is { } tooMany)
        {
            return tooMany;
        }

        var user = await users.GetAsync(userId, ct);
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(client, username);
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["This is not your current password."] },
                title: "The password change is not valid");
        }

        await using (var tx = await database.BeginAsync(ct))
        {
            await users.ReplacePasswordAsync(tx, user.Id, hasher.HashPassword(user, request.NewPassword!), ct);
            await audit.RecordAsync(tx, new AuditEntry(user.Username, AuditActions.PasswordChanged, "user", user.Username, "", null), clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }

        await StartSessionAsync(context, (await users.GetAsync(user.Id, ct))!, agents, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, AgentStore agents, CancellationToken ct)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        // An admin supervises every team: list the ones agents work in now.
        IReadOnlyList<string> teams = role == CxInboxRoles.Admin
            ? [.. (await agents.ListAsync(ct)).SelectMany(a => a.Teams).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : [.. user.FindAll(CxInboxClaims.Team).Select(c => c.Value)];
        return Results.Ok(new SessionResponse(user.Identity?.Name ?? "", user.FindFirstValue(CxInboxClaims.DisplayName) ?? user.Identity?.Name ?? "",
            role, SessionPrincipal.AgentId(user), teams));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthRegistration.CookieScheme);
        return Results.NoContent();
    }

    /// <summary>429 with Retry-After once this address has had too many wrong passwords for this username.</summary>
    private static IResult? Throttled(HttpContext context, SignInThrottle throttle, string client, string username)
    {
        if (throttle.MayTry(client, username, out var retryAfter))
        {
            return null;
        }

        var seconds = (int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins",
            detail: $"Too many wrong passwords for {username} from this address; try again in {seconds} seconds.");
    }

    // An unknown username costs the same hash as a known one: the answer's timing does not tell which names exist.
    private static PasswordVerificationResult Verify(IPasswordHasher<UserRecord> hasher, UserRecord? user, string password)
    {
        var result = hasher.VerifyHashedPassword(user ?? Nobody, user?.PasswordHash ?? UnknownUserHash(hasher), password);
        return user is null ? PasswordVerificationResult.Failed : result;
    }

    private static string UnknownUserHash(IPasswordHasher<UserRecord> hasher) =>
        unknownUserHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
}

public sealed record SignInRequest(string? Username, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            errors["currentPassword"] = ["Required: the password you signed in with."];
        }

        if (NewPassword is null || NewPassword.Length < CreateUserRequest.MinPasswordLength || NewPassword.Length > CreateUserRequest.MaxPasswordLength)
        {
            errors["newPassword"] = [$"Required, {CreateUserRequest.MinPasswordLength} to {CreateUserRequest.MaxPasswordLength} characters."];
        }

        return errors;
    }
}

public sealed record SessionResponse(string Username, string DisplayName, string Role, Guid? AgentId, IReadOnlyList<string> Teams);

/// <summary>The claims of a signed-in person (see the auth contract): name, display name, role, agent and teams.</summary>
public static class SessionPrincipal
{
    public static ClaimsPrincipal Create(UserRecord user, IReadOnlyList<string> agentTeams)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.Username),
            new(CxInboxClaims.DisplayName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(CxInboxClaims.SessionVersion, user.SessionVersion.ToString(CultureInfo.InvariantCulture)),
        };
        if (user.AgentId is { } agentId)
        {
            claims.Add(new Claim(CxInboxClaims.AgentId, agentId.ToString()));
        }

        claims.AddRange((user.Role == CxInboxRoles.Agent ? agentTeams : user.Teams).Select(t => new Claim(CxInboxClaims.Team, t)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthRegistration.CookieScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Guid? AgentId(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(CxInboxClaims.AgentId), out var id) ? id : null;

    /// <summary>Run on every request that carries a session cookie: the session ends (401 from then on) once its
    /// user is disabled, gone, or changed since the cookie was issued (role, teams, password).</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var state = Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? await context.HttpContext.RequestServices.GetRequiredService<UserStore>().SessionStateAsync(userId, context.HttpContext.RequestAborted)
            : null;
        if (state is null || state.DisabledAt is not null
            || principal!.FindFirstValue(CxInboxClaims.SessionVersion) != state.SessionVersion.ToString(CultureInfo.InvariantCulture))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthRegistration.CookieScheme);
        }
    }
}

/// <summary>Usernames are compared trimmed and lower-case.</summary>
public static class UserNames
{
    public static string Normalise(string username) => (username ?? "").Trim().ToLowerInvariant();
}
