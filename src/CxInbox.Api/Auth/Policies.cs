namespace CxInbox.Api.Auth;

/// <summary>The authorization policies every endpoint names (or it says <c>AllowAnonymous</c>). Shared with the UI
/// projects; the endpoint-matrix test fails for an endpoint that does neither.</summary>
public static class Policies
{
    /// <summary>A person signed in as agent, supervisor or admin, or an admin key.</summary>
    public const string Staff = "staff";

    /// <summary>A supervisor or an admin.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>An admin (person or key) only.</summary>
    public const string Admin = "admin";

    /// <summary>An integrator key or an admin.</summary>
    public const string Integrator = "integrator";

    /// <summary>An integrator key or any staff: for services both machines and people use (classification).</summary>
    public const string IntegratorOrStaff = "integrator-or-staff";
}

/// <summary>The values of the role claim (<see cref="System.Security.Claims.ClaimTypes.Role"/>). People are agents,
/// supervisors or admins; API keys are integrators or admins.</summary>
public static class CxInboxRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string Integrator = "integrator";

    public static readonly IReadOnlyList<string> People = [Agent, Supervisor, Admin];

    public static readonly IReadOnlyList<string> Keys = [Integrator, Admin];
}

/// <summary>CxInbox's own claim types.</summary>
public static class CxInboxClaims
{
    /// <summary>The agent row an agent user works as (a Guid).</summary>
    public const string AgentId = "cxinbox:agent_id";

    /// <summary>A team: the ones a supervisor supervises, or the ones an agent works in.</summary>
    public const string Team = "cxinbox:team";

    public const string DisplayName = "cxinbox:display_name";

    /// <summary>The user's session version when the cookie was issued: a session whose version is behind the
    /// user's has ended.</summary>
    public const string SessionVersion = "cxinbox:session_version";
}
