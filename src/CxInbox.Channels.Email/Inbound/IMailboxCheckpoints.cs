namespace CxInbox.Channels.Email.Inbound;

/// <summary>Where each mailbox folder's reading position is kept: the folder's UIDVALIDITY and the highest UID whose
/// mail is on the bus. The store behind it is the Host's business (channels may not reference the store).</summary>
public interface IMailboxCheckpoints
{
    Task<MailboxCheckpoint?> FindAsync(string mailbox, string folder, CancellationToken cancellationToken);

    Task SaveAsync(string mailbox, string folder, MailboxCheckpoint checkpoint, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record MailboxCheckpoint(uint UidValidity, uint LastUid);
