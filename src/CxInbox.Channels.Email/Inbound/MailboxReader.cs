using System.Globalization;
using CxInbox.Channels.Email.Parsing;
using CxInbox.Channels.Inbound;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Polly;

namespace CxInbox.Channels.Email.Inbound;

/// <summary>
/// Reads one mailbox folder over IMAP: every mail above the checkpoint, in UID order, is put on the bus, then flagged
/// or moved, then the checkpoint moves past it. A crash anywhere in between means the mail is read again on the next
/// start and the router's Message-ID dedupe drops the copy; nothing is ever checkpointed before the broker has it.
/// </summary>
public sealed class MailboxReader(
    MailboxOptions mailbox,
    EmailOptions options,
    IInboundPublisher publisher,
    IMailboxCheckpoints checkpoints,
    ResiliencePipeline resilience,
    TimeProvider clock,
    ILogger logger)
{
    private readonly string address = mailbox.Address.Trim().ToLowerInvariant();

    /// <summary>Connects, reads what is new and waits for more, until cancelled or the connection fails.
    /// <paramref name="connected"/> is called once the folder is open.</summary>
    public async Task RunConnectedAsync(Action connected, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connected);
        using var client = new ImapClient();
        await resilience.ExecuteAsync(async token =>
        {
            if (!client.IsConnected)
            {
                await client.ConnectAsync(mailbox.Host, mailbox.ImapPort, ToSocketOptions(mailbox.TlsMode), token);
            }

            await client.AuthenticateAsync(mailbox.User, mailbox.Password, token);
        }, ct);

        var folder = await client.GetFolderAsync(mailbox.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        var moveTo = mailbox.ProcessedAction == ProcessedAction.Move ? await client.GetFolderAsync(mailbox.MoveTo!, ct) : null;
        connected();
        logger.LogInformation("Reading mailbox {Mailbox} folder {Folder} on {Host}:{Port} (IDLE: {Idle})",
            address, folder.FullName, mailbox.Host, mailbox.ImapPort, client.Capabilities.HasFlag(ImapCapabilities.Idle));

        using var changed = new SemaphoreSlim(0);
        CancellationTokenSource? idleDone = null;
        folder.CountChanged += (_, _) =>
        {
            // New mail during IDLE: end the IDLE so that the loop fetches it.
            changed.Release();
            idleDone?.Cancel();
        };

        while (!ct.IsCancellationRequested)
        {
            await ReadNewAsync(folder, moveTo, ct);
            if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                using var done = new CancellationTokenSource(mailbox.PollInterval, clock);
                idleDone = done;
                if (changed.CurrentCount == 0)
                {
                    await client.IdleAsync(done.Token, ct);
                }

                idleDone = null;
            }
            else
            {
                await Task.Delay(mailbox.PollInterval, clock, ct);
                await client.NoOpAsync(ct);
            }

            while (changed.CurrentCount > 0)
            {
                await changed.WaitAsync(ct);
            }
        }

        await client.DisconnectAsync(quit: true, CancellationToken.None);
    }

    /// <summary>Publishes every mail above the checkpoint; returns how many.</summary>
    public async Task<int> ReadNewAsync(IMailFolder folder, IMailFolder? moveTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var stored = await checkpoints.FindAsync(address, folder.FullName, ct);
        uint lastUid = 0;
        if (stored is not null && stored.UidValidity == folder.UidValidity)
        {
            lastUid = stored.LastUid;
        }
        else if (stored is not null)
        {
            // Every stored UID is meaningless now (the folder was rebuilt or migrated): read it all again and let the
            // Message-ID dedupe drop what we had (channels.md §4.1).
            logger.LogWarning("Mailbox {Mailbox} folder {Folder}: UIDVALIDITY changed from {Old} to {New}; reading the whole folder again",
                address, folder.FullName, stored.UidValidity, folder.UidValidity);
        }

        var found = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(lastUid + 1), UniqueId.MaxValue)), ct);
        // "n:*" always includes the highest UID even when it is below n: filter client-side.
        var uids = found.Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        var sizes = uids.Count == 0 ? new Dictionary<UniqueId, uint?>()
            : (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, ct)).ToDictionary(s => s.UniqueId, s => s.Size);
        foreach (var uid in uids)
        {
            MimeKit.MimeMessage message;
            try
            {
                message = sizes.GetValueOrDefault(uid) is { } size && size > options.MaxMessageBytes
                    ? await HeadersOnlyAsync(folder, uid, size, ct)
                    : await folder.GetMessageAsync(uid, ct);
            }
            catch (MessageNotFoundException)
            {
                // Someone deleted or moved it while we were reading: nothing left to ingest.
                await SaveAsync(folder, uid, ct);
                continue;
            }
            catch (FormatException e)
            {
                logger.LogError(e, "Mail UID {Uid} in mailbox {Mailbox} is not MIME that can be read; publishing a note in its place", uid.Id, address);
                message = EmailParser.Unparseable(
                    string.Create(CultureInfo.InvariantCulture, $"unreadable.{folder.UidValidity}.{uid.Id}.{Uri.EscapeDataString(folder.FullName)}@{address}"),
                    Url(folder, uid));
            }

            var now = clock.GetUtcNow();
            var url = Url(folder, uid);
            var mail = EmailParser.ParseOrUnreadable(message, options.MaxAttachmentBytes, url, now, out var failure);
            if (failure is not null)
            {
                logger.LogError(failure, "Mail UID {Uid} in mailbox {Mailbox} could not be read; publishing it with a note", uid.Id, address);
            }

            var batch = EmailInbound.ToBatch(mail, address, url, now);
            await publisher.PublishAsync(batch, ct);
            logger.LogInformation("Mail {MessageId} (UID {Uid}) in mailbox {Mailbox}: {Count} message(s) on the bus{Automated}",
                mail.MessageId, uid.Id, address, batch.Count, mail.Automated is null ? "" : $" as {mail.Automated}");

            if (moveTo is not null)
            {
                await folder.MoveToAsync(uid, moveTo, ct);
            }
            else
            {
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, ct);
            }

            await SaveAsync(folder, uid, ct);
        }

        return uids.Count;
    }

    // Too big to download: the agent still sees who wrote, when and about what, and where the original is.
    private async Task<MimeKit.MimeMessage> HeadersOnlyAsync(IMailFolder folder, UniqueId uid, uint size, CancellationToken ct)
    {
        var headers = await folder.GetHeadersAsync(uid, ct);
        logger.LogWarning("Mail UID {Uid} in mailbox {Mailbox} is {Size} bytes, over the {Limit}-byte limit: only its headers are read",
            uid.Id, address, size, options.MaxMessageBytes);
        var message = new MimeKit.MimeMessage(headers.Where(h => !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).Cast<object>().ToArray())
        {
            Body = new MimeKit.TextPart("plain")
            {
                Text = string.Create(CultureInfo.InvariantCulture,
                    $"[This mail is {size / 1024.0 / 1024.0:0.#} MB, over the {options.MaxMessageBytes / 1024.0 / 1024.0:0.#} MB limit, so CxInbox did not download it. The original is in the mailbox {address}, folder {folder.FullName}.]"),
            },
        };
        return message;
    }

    private string Url(IMailFolder folder, UniqueId uid) => string.Create(CultureInfo.InvariantCulture,
        $"imap://{Uri.EscapeDataString(mailbox.User)}@{mailbox.Host}:{mailbox.ImapPort}/{Uri.EscapeDataString(folder.FullName)};UIDVALIDITY={folder.UidValidity}/;UID={uid.Id}");

    private Task SaveAsync(IMailFolder folder, UniqueId uid, CancellationToken ct) =>
        checkpoints.SaveAsync(address, folder.FullName, new MailboxCheckpoint(folder.UidValidity, uid.Id), clock.GetUtcNow(), ct);

    public static SecureSocketOptions ToSocketOptions(MailTlsMode mode) => mode switch
    {
        MailTlsMode.None => SecureSocketOptions.None,
        MailTlsMode.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
