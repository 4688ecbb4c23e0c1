using CxInbox.IntegrationTests.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Utils;

namespace CxInbox.IntegrationTests.Email;

/// <summary>The Dovecot and Postfix that test.sh starts: mail goes in through SMTP as any sender would send it, and
/// mailboxes are read over IMAP as a mail client would.</summary>
internal static class TestMailServer
{
    /// <summary>A mailbox no other test uses.</summary>
    public static string NewAddress(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)] + "@" + TestEnvironment.MailDomain;

    public static async Task EnsureRunningAsync()
    {
        try
        {
            using var imap = new ImapClient();
            await imap.ConnectAsync(TestEnvironment.Imap.Host, TestEnvironment.Imap.Port, SecureSocketOptions.None);
            using var smtp = new SmtpClient();
            await smtp.ConnectAsync(TestEnvironment.Smtp.Host, TestEnvironment.Smtp.Port, SecureSocketOptions.None);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ImapProtocolException or SmtpProtocolException)
        {
            TestEnvironment.ServiceMissing($"The test mail system (IMAP {TestEnvironment.Imap}, SMTP {TestEnvironment.Smtp})", e);
        }
    }

    /// <summary>The settings of a Host that reads <paramref name="mailbox"/> and sends from it.</summary>
    public static Dictionary<string, string?> MailboxSettings(string mailbox) => new()
    {
        ["Channels:Email:Mailboxes:0:Address"] = mailbox,
        ["Channels:Email:Mailboxes:0:DisplayName"] = "Example Support",
        ["Channels:Email:Mailboxes:0:Host"] = TestEnvironment.Imap.Host,
        ["Channels:Email:Mailboxes:0:Port"] = TestEnvironment.Imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels:Email:Mailboxes:0:TlsMode"] = "None",
        ["Channels:Email:Mailboxes:0:User"] = mailbox,
        ["Channels:Email:Mailboxes:0:Password"] = TestEnvironment.MailPassword,
        ["Channels:Email:Mailboxes:0:PollInterval"] = "00:00:02",
        ["Channels:Email:Smtp:Host"] = TestEnvironment.Smtp.Host,
        ["Channels:Email:Smtp:Port"] = TestEnvironment.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Channels:Email:Smtp:TlsMode"] = "None",
    };

    public static MimeMessage Mail(string from, string to, string subject, string text, string? messageId = null)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = messageId ?? MimeUtils.GenerateMessageId("customer.example"),
            Body = new TextPart("plain") { Text = text },
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    public static async Task SendAsync(MimeMessage message)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(TestEnvironment.Smtp.Host, TestEnvironment.Smtp.Port, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    /// <summary>Takes \Seen off a mail, as a person marking it unread does.</summary>
    public static async Task MarkUnreadAsync(string mailbox, string messageId)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(TestEnvironment.Imap.Host, TestEnvironment.Imap.Port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(mailbox, TestEnvironment.MailPassword);
        await imap.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uids = await imap.Inbox.SearchAsync(MailKit.Search.SearchQuery.HeaderContains("Message-ID", messageId));
        Assert.That(uids, Has.Count.EqualTo(1), $"mail {messageId} in {mailbox}");
        await imap.Inbox.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Remove, MessageFlags.Seen) { Silent = true });
        await imap.DisconnectAsync(true);
    }

    /// <summary>Every mail in the mailbox's INBOX, with its flags.</summary>
    public static async Task<IReadOnlyList<(MimeMessage Message, MessageFlags Flags)>> InboxAsync(string mailbox)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(TestEnvironment.Imap.Host, TestEnvironment.Imap.Port, SecureSocketOptions.None);
        await imap.AuthenticateAsync(mailbox, TestEnvironment.MailPassword);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var result = new List<(MimeMessage, MessageFlags)>();
        foreach (var summary in await imap.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags))
        {
            result.Add((await imap.Inbox.GetMessageAsync(summary.UniqueId), summary.Flags ?? MessageFlags.None));
        }

        await imap.DisconnectAsync(true);
        return result;
    }
}
