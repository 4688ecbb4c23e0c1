using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CxInbox.Data.Storage;

/// <summary>Opens connections to whichever store is configured.</summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? postgres;
    private readonly string? sqliteConnectionString;

    public Database(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            Dialect = Dialect.Postgres;
            var builder = new NpgsqlDataSourceBuilder(options.PostgresConnectionString);
            // Every statement is a constant (Data's rule), so the router's few dozen are prepared once per connection
            // and PostgreSQL skips parsing and planning them per message. A connection string that sets it wins.
            if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = 100;
            }

            // A pooled connection is otherwise reset (CLOSE ALL, UNLISTEN, DISCARD …) before its next use, twice per
            // routed message. Nothing here leaves session state behind: every setting and advisory lock is
            // transaction-scoped.
            builder.ConnectionStringBuilder.NoResetOnClose = true;

            postgres = builder.Build();
            Description = $"PostgreSQL at {postgres.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)) ?? "default host"}";
        }
        else
        {
            Dialect = Dialect.Sqlite;
            var directory = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, "cxinbox.db");
            sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = file,
                ForeignKeys = true,
                DefaultTimeout = 30,
                Pooling = true,
            }.ToString();
            Description = $"SQLite file {file}";
        }
    }

    public Dialect Dialect { get; }

    /// <summary>Where the data is, without credentials: for the start-up banner and logs.</summary>
    public string Description { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>SQLite's transactions start as BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so two writers
    /// wait on the busy timeout instead of failing on a lock upgrade.</summary>
    public async Task<StoreTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new StoreTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A transaction for reading only, in which every statement sees the same committed state: a
    /// conversation's status and its messages are never read from two different moments.</summary>
    public async Task<StoreTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            // SQLite: a deferred transaction takes no write lock and reads one snapshot (WAL). PostgreSQL: READ
            // COMMITTED would give each statement its own snapshot; REPEATABLE READ gives the transaction one.
            DbTransaction transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            return new StoreTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }
}
