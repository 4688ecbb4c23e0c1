using System.Data.Common;
using System.Net.Sockets;
using CxInbox.Data.Storage;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace CxInbox.Data.Migrations;

/// <summary>
/// Applies the numbered <c>Migrations/&lt;Dialect&gt;/*.sql</c> scripts that a store has not run yet, in name order,
/// all in one transaction. Ours rather than DbUp's: several Host processes start at once in a deployment, and on
/// PostgreSQL an advisory lock makes them take turns, which DbUp's journal does not.
/// </summary>
public sealed class MigrationRunner(Database database, ILogger<MigrationRunner> logger)
{
    // Any fixed number works; it only has to be the same in every Host process.
    private const string TakeMigrationLock = "SELECT pg_advisory_xact_lock(7238104955)";

    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            name       TEXT PRIMARY KEY,
            applied_at TEXT NOT NULL
        )
        """;

    private const string SelectApplied = "SELECT name FROM schema_migrations";

    private const string InsertApplied = "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @appliedAt)";

    // The store may still be starting (docker compose starts everything at once): wait for it, within reason.
    private static readonly ResiliencePipeline ConnectRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient).Handle<SocketException>(),
            MaxRetryAttempts = 10,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
        })
        .Build();

    public static IReadOnlyList<(string Name, string Sql)> Scripts(Dialect dialect)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{typeof(MigrationRunner).Namespace}.{dialect}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[prefix.Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
    }

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectRetry.ExecuteAsync(async ct => await database.OpenAsync(ct), cancellationToken);
        if (database.Dialect == Dialect.Sqlite)
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: cancellationToken));
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (database.Dialect == Dialect.Postgres)
        {
            await Execute(connection, transaction, TakeMigrationLock, null, cancellationToken);
        }

        await Execute(connection, transaction, CreateJournal, null, cancellationToken);
        var applied = (await connection.QueryAsync<string>(new CommandDefinition(SelectApplied, transaction: transaction, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);

        var newlyApplied = new List<string>();
        foreach (var (name, sql) in Scripts(database.Dialect).Where(s => !applied.Contains(s.Name)))
        {
            await Execute(connection, transaction, sql, null, cancellationToken);
            await Execute(connection, transaction, InsertApplied,
                new { name, appliedAt = DateTimeOffset.UtcNow.ToString("O") }, cancellationToken);
            newlyApplied.Add(name);
            logger.LogInformation("Applied migration {Migration}", name);
        }

        await transaction.CommitAsync(cancellationToken);
        return newlyApplied;
    }

    private static Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}
