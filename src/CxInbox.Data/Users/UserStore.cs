using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Users;

/// <summary>Every SQL statement that touches <c>users</c> and <c>user_teams</c>.</summary>
public sealed class UserStore(Database database)
{
    // ON CONFLICT DO NOTHING on either unique index (username, agent): the caller then says which one was taken.
    private const string InsertUser = """
        INSERT INTO users (id, username, display_name, password_hash, role, agent_id, created_at)
        VALUES (@id, @username, @displayName, @passwordHash, @role, @agentId, @createdAt)
        ON CONFLICT DO NOTHING
        """;

    private const string InsertTeam = "INSERT INTO user_teams (user_id, team) VALUES (@userId, @team) ON CONFLICT DO NOTHING";

    private const string Columns = "SELECT id, username, display_name, password_hash, role, agent_id, created_at, disabled_at, session_version FROM users\n";

    private const string SelectByUsername = Columns + "WHERE username = @username";

    private const string SelectById = Columns + "WHERE id = @id";

    private const string SelectAll = Columns + "ORDER BY username";

    private const string CountByUsername = "SELECT COUNT(*) FROM users WHERE username = @username";

    private const string SelectTeams = "SELECT user_id, team FROM user_teams ORDER BY team";

    private const string SelectUserTeams = "SELECT user_id, team FROM user_teams WHERE user_id = @id ORDER BY team";

    private const string CountUsers = "SELECT COUNT(*) FROM users";

    private const string UpdatePasswordHash = "UPDATE users SET password_hash = @passwordHash WHERE id = @id";

    private const string ReplacePassword = "UPDATE users SET password_hash = @passwordHash, session_version = session_version + 1 WHERE id = @id";

    private const string UpdateUser = """
        UPDATE users SET role = @role, disabled_at = @disabledAt, session_version = session_version + 1
        WHERE id = @id
        """;

    private const string DeleteTeams = "DELETE FROM user_teams WHERE user_id = @id";

    private const string SelectSessionState = "SELECT disabled_at, session_version FROM users WHERE id = @id";

    public async Task<(UserCreation Outcome, UserRecord? User)> CreateAsync(NewUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.CreateVersion7(now);
        await using (var tx = await database.BeginAsync(cancellationToken))
        {
            var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition(InsertUser, new
            {
                id, username = user.Username, displayName = user.DisplayName, passwordHash = user.PasswordHash, role = user.Role,
                agentId = user.AgentId, createdAt = now,
            }, tx.Transaction, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                var usernameTaken = await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(CountByUsername,
                    new { username = user.Username }, tx.Transaction, cancellationToken: cancellationToken)) > 0;
                return (usernameTaken ? UserCreation.UsernameTaken : UserCreation.AgentTaken, null);
            }

            foreach (var team in user.Teams.Distinct(StringComparer.Ordinal))
            {
                await tx.Connection.ExecuteAsync(new CommandDefinition(InsertTeam, new { userId = id, team }, tx.Transaction, cancellationToken: cancellationToken));
            }

            await tx.CommitAsync(cancellationToken);
        }

        return (UserCreation.Created, await GetAsync(id, cancellationToken));
    }

    /// <summary>The user with this (lower-case) username, with their teams; null when there is none.</summary>
    public async Task<UserRecord?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(SelectByUsername, new { username }, cancellationToken: cancellationToken));
        return user is null ? null : await WithTeamsAsync(connection, user, cancellationToken);
    }

    public async Task<UserRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(SelectById, new { id }, cancellationToken: cancellationToken));
        return user is null ? null : await WithTeamsAsync(connection, user, cancellationToken);
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var users = await connection.QueryAsync<UserRecord>(new CommandDefinition(SelectAll, cancellationToken: cancellationToken));
        var teams = (await connection.QueryAsync<TeamRow>(new CommandDefinition(SelectTeams, cancellationToken: cancellationToken)))
            .ToLookup(t => t.UserId, t => t.Team);
        return [.. users.Select(u => u with { Teams = [.. teams[u.Id]] })];
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountUsers, cancellationToken: cancellationToken));
    }

    public async Task SetPasswordHashAsync(Guid id, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdatePasswordHash, new { id, passwordHash }, cancellationToken: cancellationToken));
    }

    /// <summary>Sets role, teams and disabled state, and raises the session version so the user's sessions end.
    /// False when there is no such user.</summary>
    public async Task<bool> ChangeAsync(StoreTransaction tx, Guid id, UserChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(change);
        if (await tx.Connection.ExecuteAsync(new CommandDefinition(UpdateUser, new { id, role = change.Role, disabledAt = change.DisabledAt },
                tx.Transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition(DeleteTeams, new { id }, tx.Transaction, cancellationToken: cancellationToken));
        foreach (var team in change.Teams.Distinct(StringComparer.Ordinal))
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertTeam, new { userId = id, team }, tx.Transaction, cancellationToken: cancellationToken));
        }

        return true;
    }

    /// <summary>A new password, chosen by the user: their other sessions end (the session version rises).</summary>
    public async Task<bool> ReplacePasswordAsync(StoreTransaction tx, Guid id, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return await tx.Connection.ExecuteAsync(new CommandDefinition(ReplacePassword, new { id, passwordHash }, tx.Transaction,
            cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Null when the user no longer exists.</summary>
    public async Task<UserSessionState?> SessionStateAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserSessionState>(new CommandDefinition(SelectSessionState, new { id }, cancellationToken: cancellationToken));
    }

    private static async Task<UserRecord> WithTeamsAsync(System.Data.Common.DbConnection connection, UserRecord user, CancellationToken cancellationToken)
    {
        var teams = await connection.QueryAsync<TeamRow>(new CommandDefinition(SelectUserTeams, new { id = user.Id }, cancellationToken: cancellationToken));
        return user with { Teams = [.. teams.Select(t => t.Team)] };
    }

    private sealed record TeamRow
    {
        public Guid UserId { get; init; }
        public string Team { get; init; } = "";
    }
}
