using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.ApiKeys;

/// <summary>Every SQL statement that touches <c>api_keys</c>. Keys are looked up by their SHA-256; the key itself
/// is never stored.</summary>
public sealed class ApiKeyStore(Database database)
{
    private const string Insert = """
        INSERT INTO api_keys (id, name, key_hash, role, created_at, created_by)
        VALUES (@id, @name, @keyHash, @role, @createdAt, @createdBy)
        """;

    private const string Columns = "SELECT id, name, role, created_at, created_by, revoked_at FROM api_keys\n";

    private const string SelectActiveByHash = Columns + "WHERE key_hash = @keyHash AND revoked_at IS NULL";

    private const string SelectById = Columns + "WHERE id = @id";

    private const string SelectAll = Columns + "ORDER BY created_at, id";

    // Revoking twice keeps the first time.
    private const string Revoke = "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL";

    public async Task<ApiKeyRecord> CreateAsync(string name, string keyHash, string role, string createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(now);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new { id, name, keyHash, role, createdAt = now, createdBy }, cancellationToken: cancellationToken));
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>The key with this hash unless it was revoked.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(SelectActiveByHash, new { keyHash }, cancellationToken: cancellationToken));
    }

    public async Task<ApiKeyRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(SelectById, new { id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(SelectAll, cancellationToken: cancellationToken))];
    }

    /// <summary>False when no key has this id; revoking a revoked key is not an error.</summary>
    public async Task<bool> RevokeAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Revoke, new { id, now }, cancellationToken: cancellationToken));
        return await GetAsync(id, cancellationToken) is not null;
    }
}

public sealed record ApiKeyRecord
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; init; }
}
