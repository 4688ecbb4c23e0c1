using System.Data;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CxInbox.Data.Storage;

/// <summary>Which store errors pass if the same work is tried again later: the server away or restarting, a lost
/// race (a unique index another router filled first, a deadlock, a serialization failure), a busy SQLite file.</summary>
public static class StoreFaults
{
    private static readonly HashSet<string> RetriedStates =
    [
        PostgresErrorCodes.UniqueViolation,
        PostgresErrorCodes.SerializationFailure,
        PostgresErrorCodes.DeadlockDetected,
        PostgresErrorCodes.LockNotAvailable,
        PostgresErrorCodes.AdminShutdown,
        PostgresErrorCodes.CrashShutdown,
        PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections,
    ];

    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => RetriedStates.Contains(postgres.SqlState) || postgres.IsTransient,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        DBConcurrencyException or TimeoutException or SocketException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>PostgreSQL refused a text value it cannot hold (U+0000, SQLSTATE 22021); nothing of the statement
    /// was written. Not transient: the same text fails again.</summary>
    public static bool IsUnstorableText(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.CharacterNotInRepertoire,
        _ => exception.InnerException is { } inner && IsUnstorableText(inner),
    };
}
