using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Email;

/// <summary>The mailboxes CxInbox reads and answers from. Classes, not records: a record's ToString would print the
/// passwords.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Channels:Email";

    /// <summary>Each mailbox is polled on its own connection. Default: none, which turns the e-mail channel off.</summary>
    public IList<MailboxOptions> Mailboxes { get; set; } = [];

    /// <summary>The SMTP server every mailbox sends through unless it names its own. Default: none.</summary>
    public SmtpOptions? Smtp { get; set; }

    /// <summary>Mail larger than this (as the server counts it) is not downloaded: its headers go on the bus with a note
    /// that the original is in the mailbox. Default: 50 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Attachments larger than this (decoded) are not referenced; the message says so instead. Default: 25 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Retries of connecting, logging in and sending; see ProviderResilienceOptions. The circuit breaker is
    /// not used for mail.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();
}

/// <summary>One mailbox: where its mail is read (IMAP) and how replies leave it (SMTP).</summary>
public sealed class MailboxOptions
{
    /// <summary>The mailbox's address, e.g. <c>support@example.com</c>: the From of our replies and the channel
    /// account of its conversations. Required.</summary>
    public string Address { get; set; } = "";

    /// <summary>The display name of our replies' From, e.g. <c>Example Support</c>. Default: none.</summary>
    public string? DisplayName { get; set; }

    /// <summary>IMAP server host. Required.</summary>
    public string Host { get; set; } = "";

    /// <summary>IMAP port. Default: 993 (143 when <see cref="TlsMode"/> is not SslOnConnect).</summary>
    public int? Port { get; set; }

    /// <summary>Default: SslOnConnect.</summary>
    public MailTlsMode TlsMode { get; set; } = MailTlsMode.SslOnConnect;

    /// <summary>IMAP login. Required.</summary>
    public string User { get; set; } = "";

    /// <summary>The password or app password. Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>The folder to read. Default: INBOX.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>What happens to a message once it is on the bus: <c>Flag</c> (mark \Seen) or <c>Move</c> to
    /// <see cref="MoveTo"/>. The UID checkpoint, not the flag, decides what is new. Default: Flag.</summary>
    public ProcessedAction ProcessedAction { get; set; } = ProcessedAction.Flag;

    /// <summary>The folder processed mail moves to when <see cref="ProcessedAction"/> is Move; it must exist.</summary>
    public string? MoveTo { get; set; }

    /// <summary>How often the folder is checked when the server has no IDLE, and the longest an IDLE lasts before it
    /// is renewed. Default: 1 minute.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>This mailbox's SMTP server; default: <see cref="EmailOptions.Smtp"/>.</summary>
    public SmtpOptions? Smtp { get; set; }

    public int ImapPort => Port ?? (TlsMode == MailTlsMode.SslOnConnect ? 993 : 143);
}

/// <summary>An SMTP submission server.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    /// <summary>Default: 465 with SslOnConnect, 587 otherwise.</summary>
    public int? Port { get; set; }

    /// <summary>Default: StartTls.</summary>
    public MailTlsMode TlsMode { get; set; } = MailTlsMode.StartTls;

    /// <summary>SMTP login; empty uses the mailbox's IMAP login, as Gmail and Microsoft 365 expect. When both are
    /// empty the server is used without logging in.</summary>
    public string? User { get; set; }

    /// <summary>Never logged; empty uses the mailbox's password.</summary>
    public string? Password { get; set; }

    public int SmtpPort => Port ?? (TlsMode == MailTlsMode.SslOnConnect ? 465 : 587);
}

public enum MailTlsMode
{
    /// <summary>Plain text: only for a server on the same host or a test server.</summary>
    None,
    StartTls,
    SslOnConnect,
}

public enum ProcessedAction
{
    Flag,
    Move,
}
