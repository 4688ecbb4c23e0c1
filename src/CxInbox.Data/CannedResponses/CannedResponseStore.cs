using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.CannedResponses;

public sealed record CannedResponseRecord
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public string? Team { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string UpdatedBy { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
}

public enum CannedResponseChange
{
    Done,
    NotFound,
    TitleTaken,
}

/// <summary>Every SQL statement that touches <c>canned_responses</c>.</summary>
public sealed class CannedResponseStore(Database database)
{
    private const string Columns = "SELECT id, title, body, team, created_by, created_at, updated_by, updated_at FROM canned_responses\n";

    private const string SelectAll = Columns + "ORDER BY lower(title)";

    private const string SelectById = Columns + "WHERE id = @id";

    // ON CONFLICT DO NOTHING on the title index: a taken title inserts nothing, and the caller says so.
    private const string Insert = """
        INSERT INTO canned_responses (id, title, body, team, created_by, created_at, updated_by, updated_at)
        VALUES (@id, @title, @body, @team, @actor, @now, @actor, @now)
        ON CONFLICT DO NOTHING
        """;

    private const string Update = """
        UPDATE canned_responses SET title = @title, body = @body, team = @team, updated_by = @actor, updated_at = @now
        WHERE id = @id
        """;

    private const string CountOtherWithTitle = "SELECT COUNT(*) FROM canned_responses WHERE lower(title) = lower(@title) AND id <> @id";

    private const string Delete = "DELETE FROM canned_responses WHERE id = @id";

    public async Task<IReadOnlyList<CannedResponseRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<CannedResponseRecord>(new CommandDefinition(SelectAll, cancellationToken: cancellationToken))];
    }

    public async Task<CannedResponseRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CannedResponseRecord>(new CommandDefinition(SelectById, new { id }, cancellationToken: cancellationToken));
    }

    public async Task<(CannedResponseChange Outcome, CannedResponseRecord? Response)> CreateAsync(string title, string body, string? team, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(now);
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new { id, title, body, team, actor, now }, cancellationToken: cancellationToken));
            if (inserted == 0)
            {
                return (CannedResponseChange.TitleTaken, null);
            }
        }

        return (CannedResponseChange.Done, await GetAsync(id, cancellationToken));
    }

    public async Task<(CannedResponseChange Outcome, CannedResponseRecord? Response)> UpdateAsync(Guid id, string title, string body, string? team, string actor,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var tx = await database.BeginAsync(cancellationToken))
        {
            // Checked first, inside the transaction: PostgreSQL would abort the transaction on the unique index.
            if (await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(CountOtherWithTitle, new { id, title }, tx.Transaction,
                    cancellationToken: cancellationToken)) > 0)
            {
                return (CannedResponseChange.TitleTaken, null);
            }

            if (await tx.Connection.ExecuteAsync(new CommandDefinition(Update, new { id, title, body, team, actor, now }, tx.Transaction,
                    cancellationToken: cancellationToken)) == 0)
            {
                return (CannedResponseChange.NotFound, null);
            }

            await tx.CommitAsync(cancellationToken);
        }

        return (CannedResponseChange.Done, await GetAsync(id, cancellationToken));
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Delete, new { id }, cancellationToken: cancellationToken)) == 1;
    }
}
