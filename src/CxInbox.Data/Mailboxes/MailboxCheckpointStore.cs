using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Mailboxes;

/// <summary>Every SQL statement that touches <c>mailbox_checkpoints</c>: how far each IMAP folder has been read.</summary>
public sealed class MailboxCheckpointStore(Database database)
{
    private const string Select = """
        SELECT uid_validity, last_uid FROM mailbox_checkpoints WHERE mailbox = @mailbox AND folder = @folder
        """;

    private const string Upsert = """
        INSERT INTO mailbox_checkpoints (mailbox, folder, uid_validity, last_uid, updated_at)
        VALUES (@mailbox, @folder, @uidValidity, @lastUid, @now)
        ON CONFLICT (mailbox, folder) DO UPDATE
        SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at
        """;

    public async Task<(long UidValidity, long LastUid)?> FindAsync(string mailbox, string folder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CheckpointRow>(new CommandDefinition(Select, new { mailbox, folder }, cancellationToken: cancellationToken));
        return row is null ? null : (row.UidValidity, row.LastUid);
    }

    public async Task SaveAsync(string mailbox, string folder, long uidValidity, long lastUid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Upsert, new { mailbox, folder, uidValidity, lastUid, now }, cancellationToken: cancellationToken));
    }

    private sealed class CheckpointRow
    {
        public long UidValidity { get; init; }
        public long LastUid { get; init; }
    }
}
