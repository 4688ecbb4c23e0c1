using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CxInbox.Channels.Email;
using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Inbound;
using CxInbox.Channels.Testing;
using CxInbox.IntegrationTests.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.IntegrationTests.Email;

/// <summary>The e-mail channel under the conformance suite every adapter passes: mail appended to a fresh mailbox on
/// the real Dovecot from test.sh and read by <see cref="MailboxReader"/>, as the running poller reads it.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed partial class EmailMailboxConformanceTests : PolledChannelConformance
{
    private const long MaxMessageBytes = 100_000;

    [OneTimeSetUp]
    public Task RequireTheMailServer() => TestMailServer.EnsureRunningAsync();

    protected override string WhyUnsigned =>
        "IMAP authenticates the reader's login to the mailbox; a mail carries no signature of the mailbox's provider " +
        "(DKIM, where present, is the sender domain's, and proves nothing about which mailbox it reached).";

    protected override string OneEventPerItem => "One mail is one message (a delivery report about our reply is also one status, checked by the e-mail tests).";

    protected override IEnumerable<PolledSample> Samples =>
    [
        new("email-reply-en.eml", Fixture("email-reply-en.eml"), ["CAFAKE-reply-0002.4821@mail.example.com"]),
        new("email-html-id-attachment.eml", Fixture("email-html-id-attachment.eml"), ["1795000862.4821.FAKE@sonic.example.com"]),
        // Automated mail is published too, marked as such: the router decides where it goes.
        new("email-auto-reply-ooo.eml", Fixture("email-auto-reply-ooo.eml"), ["OOF-FAKE-7730-0001@outbound.example.com"]),
    ];

    // No header section: MimeKit cannot split it into headers and body (it throws FormatException).
    protected override byte[] MalformedItem => Encoding.ASCII.GetBytes("This is not a mail: it has no header section at all.\r\nNor a body.\r\n");

    protected override byte[] OversizedItem => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"""
        From: Big Sender <big.sender@example.com>
        To: support@cx.test
        Subject: Scans of the damage
        Date: Wed, 18 Nov 2026 11:20:41 +0000
        Message-ID: <oversized-0001@mail.example.com>
        MIME-Version: 1.0
        Content-Type: application/octet-stream; name="scan.bin"
        Content-Transfer-Encoding: base64

        {Convert.ToBase64String(new byte[2 * MaxMessageBytes], Base64FormattingOptions.InsertLineBreaks)}
        """).ReplaceLineEndings("\r\n"));

    protected override Task<IPolledSource> CreateSourceAsync() =>
        Task.FromResult<IPolledSource>(new Mailbox(TestMailServer.NewAddress("conformance")));

    [GeneratedRegex(@"(?<!\r)\n", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BareLineFeed();

    private static byte[] Fixture(string fileName) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "providers", "fixtures", fileName));

    /// <summary>A fresh mailbox on the test Dovecot and a <see cref="MailboxReader"/> of its INBOX, whose checkpoint lives
    /// as long as this source (the Host keeps it in the store; the reader is the same).</summary>
    private sealed class Mailbox(string address) : IPolledSource
    {
        private readonly Checkpoints checkpoints = new();
        private readonly MailboxOptions mailbox = new()
        {
            Address = address,
            Host = TestEnvironment.Imap.Host,
            Port = TestEnvironment.Imap.Port,
            TlsMode = MailTlsMode.None,
            User = address,
            Password = TestEnvironment.MailPassword,
        };

        private readonly EmailOptions options = new() { MaxMessageBytes = MaxMessageBytes };

        // MailKit appends only mail MimeKit can parse; a malformed mail must reach the mailbox byte for byte, so this
        // speaks IMAP APPEND (RFC 3501 §6.3.11) itself.
        public async Task PutAsync(byte[] item)
        {
            // IMAP holds mail with CRLF line ends (RFC 3501 §4.3); the fixture files may have LF. Only those change:
            // ReplaceLineEndings would also turn a Latin-1 0x85 byte (NEL) of 8-bit content into a line end.
            var mail = Encoding.Latin1.GetBytes(BareLineFeed().Replace(Encoding.Latin1.GetString(item), "\r\n"));
            using var client = new TcpClient();
            await client.ConnectAsync(mailbox.Host, mailbox.ImapPort);
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await ExpectAsync(reader, "*", "the greeting");
            await WriteAsync(stream, $"a1 LOGIN \"{address}\" \"{mailbox.Password}\"\r\n");
            await ExpectAsync(reader, "a1 OK", "LOGIN");
            await WriteAsync(stream, string.Create(CultureInfo.InvariantCulture, $"a2 APPEND INBOX {{{mail.Length}}}\r\n"));
            await ExpectAsync(reader, "+", "the APPEND continuation");
            await stream.WriteAsync(mail);
            await WriteAsync(stream, "\r\n");
            await ExpectAsync(reader, "a2 OK", "APPEND");
            await WriteAsync(stream, "a3 LOGOUT\r\n");
        }

        public async Task ReadOnceAsync(IInboundPublisher publisher, CancellationToken cancellationToken)
        {
            using var imap = new ImapClient();
            await imap.ConnectAsync(mailbox.Host, mailbox.ImapPort, SecureSocketOptions.None, cancellationToken);
            await imap.AuthenticateAsync(mailbox.User, mailbox.Password, cancellationToken);
            await imap.Inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var reader = new MailboxReader(mailbox, options, publisher, checkpoints,
                MailResilience.Create(options.Resilience, TimeProvider.System), TimeProvider.System, NullLogger.Instance);

            await reader.ReadNewAsync(imap.Inbox, moveTo: null, cancellationToken);

            await imap.DisconnectAsync(quit: true, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static Task WriteAsync(NetworkStream stream, string line) => stream.WriteAsync(Encoding.Latin1.GetBytes(line)).AsTask();

        private static async Task ExpectAsync(StreamReader reader, string prefix, string what)
        {
            // Untagged lines (capabilities, EXISTS) may come before the one awaited.
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return;
                }

                if (!line.StartsWith('*'))
                {
                    Assert.Fail($"IMAP {what}: expected '{prefix}…', got '{line}'");
                }
            }

            Assert.Fail($"IMAP {what}: the server closed the connection");
        }
    }

    private sealed class Checkpoints : IMailboxCheckpoints
    {
        private readonly Dictionary<(string, string), MailboxCheckpoint> saved = [];

        public Task<MailboxCheckpoint?> FindAsync(string mailbox, string folder, CancellationToken cancellationToken) =>
            Task.FromResult(saved.GetValueOrDefault((mailbox, folder)));

        public Task SaveAsync(string mailbox, string folder, MailboxCheckpoint checkpoint, DateTimeOffset now, CancellationToken cancellationToken)
        {
            saved[(mailbox, folder)] = checkpoint;
            return Task.CompletedTask;
        }
    }
}
