namespace CxInbox.Data.Users;

/// <summary>A person who signs in. <see cref="Teams"/> are the teams a supervisor supervises; an agent's teams are
/// those of its agent row.</summary>
public sealed record UserRecord
{
    public Guid Id { get; init; }
    public string Username { get; init; } = "";
    public string DisplayName { get; init; } = "";

    /// <summary>ASP.NET Core's PasswordHasher format; never the password.</summary>
    public string PasswordHash { get; init; } = "";

    public string Role { get; init; } = "";
    public Guid? AgentId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>When an admin disabled the user; null while they may sign in.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>The security stamp in the user's session cookies; raised by every change that ends their sessions.</summary>
    public int SessionVersion { get; init; }
}

/// <summary>What an admin sets on a user: the whole new role, teams and disabled state. <see cref="Teams"/> are
/// already lower-case.</summary>
public sealed record UserChange(string Role, IReadOnlyList<string> Teams, DateTimeOffset? DisabledAt);

/// <summary>What decides whether a session cookie is still good.</summary>
public sealed record UserSessionState
{
    public DateTimeOffset? DisabledAt { get; init; }
    public int SessionVersion { get; init; }
}

/// <summary>A user about to be stored; <see cref="Username"/> already lower-case, the password already hashed.</summary>
public sealed record NewUser(string Username, string DisplayName, string PasswordHash, string Role, Guid? AgentId, IReadOnlyList<string> Teams);

public enum UserCreation
{
    Created,
    UsernameTaken,
    AgentTaken,
}
