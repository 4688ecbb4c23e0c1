using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Audit;

/// <summary>Every SQL statement that touches <c>audit_log</c>: who did what to routing, when and why.</summary>
public sealed class AuditLog(Database database)
{
    private const string Insert = """
        INSERT INTO audit_log (occurred_at, actor, action, target_type, target_id, reason, details)
        VALUES (@occurredAt, @actor, @action, @targetType, @targetId, @reason, @details)
        """;

    private const string Columns = "SELECT id, occurred_at, actor, action, target_type, target_id, reason, details FROM audit_log\n";

    // PostgreSQL cannot infer the type of a parameter that is null and only compared with IS NULL: the casts say it.
    private const string FilterPostgres = """
        WHERE (CAST(@since AS timestamptz) IS NULL OR occurred_at >= CAST(@since AS timestamptz))
          AND (CAST(@action AS text) IS NULL OR action = CAST(@action AS text))

        """;

    private const string FilterSqlite = """
        WHERE (@since IS NULL OR occurred_at >= @since)
          AND (@action IS NULL OR action = @action)

        """;

    private const string PageOrder = "ORDER BY id DESC\nLIMIT @limit OFFSET @offset";

    private const string ListPostgres = Columns + FilterPostgres + PageOrder;

    private const string ListSqlite = Columns + FilterSqlite + PageOrder;

    private const string CountPostgres = "SELECT COUNT(*) FROM audit_log\n" + FilterPostgres;

    private const string CountSqlite = "SELECT COUNT(*) FROM audit_log\n" + FilterSqlite;

    /// <summary>Records the action in the transaction that does it, so an action is never without its record.</summary>
    public async Task RecordAsync(StoreTransaction tx, AuditEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(entry);
        await tx.Connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            occurredAt = now,
            actor = entry.Actor,
            action = entry.Action,
            targetType = entry.TargetType,
            targetId = entry.TargetId,
            reason = entry.Reason,
            details = entry.Details,
        }, tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Newest first.</summary>
    public async Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new { since = filter.Since, action = filter.Action, limit = filter.PageSize, offset = (filter.Page - 1L) * filter.PageSize };
        var postgres = database.Dialect == Dialect.Postgres;
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<AuditRecord>(new CommandDefinition(postgres ? ListPostgres : ListSqlite, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(postgres ? CountPostgres : CountSqlite, parameters, cancellationToken: cancellationToken));
        return new AuditPage([.. items], filter.Page, filter.PageSize, total);
    }
}
