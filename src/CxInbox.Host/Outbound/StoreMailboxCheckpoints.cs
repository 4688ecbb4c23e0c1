using CxInbox.Channels.Email.Inbound;
using CxInbox.Data.Mailboxes;

namespace CxInbox.Host.Outbound;

/// <summary>The e-mail reader's checkpoints, kept in the store. Lives in the Host because channels may not reference
/// the store (docs/architecture.md).</summary>
internal sealed class StoreMailboxCheckpoints(MailboxCheckpointStore store) : IMailboxCheckpoints
{
    public async Task<MailboxCheckpoint?> FindAsync(string mailbox, string folder, CancellationToken cancellationToken) =>
        await store.FindAsync(mailbox, folder, cancellationToken) is { } row ? new MailboxCheckpoint((uint)row.UidValidity, (uint)row.LastUid) : null;

    public Task SaveAsync(string mailbox, string folder, MailboxCheckpoint checkpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return store.SaveAsync(mailbox, folder, checkpoint.UidValidity, checkpoint.LastUid, now, cancellationToken);
    }
}
