using System.Text;
using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Email.Parsing;
using FsCheck;
using FsCheck.Fluent;
using MimeKit;

namespace CxInbox.Channels.Tests.Email;

/// <summary>
/// Hostile mail through what the mailbox reader does with each message: MimeKit's parser, then ours (or, when ours
/// fails, the note pointing at the original), then the bus batch. Malformed MIME, unknown and lying charsets,
/// headers of hundreds of kilobytes, attachments over the cap, multipart nested thousands deep, random bytes:
/// nothing may throw out of it, and every mail ends as a message on the bus.
/// </summary>
public sealed class EmailParserHostileInputTests
{
    private const long MaxAttachmentBytes = 64 * 1024;
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Inputs tried: <c>CXINBOX_HOSTILE_INPUTS</c>, default 300 (the short form).</summary>
    private static int Inputs => int.TryParse(Environment.GetEnvironmentVariable("CXINBOX_HOSTILE_INPUTS"), out var n) && n > 0 ? n : 300;

    [Test]
    public void Hostile_mail_is_parsed_safely_or_recorded_as_unreadable_never_thrown()
    {
        var (tried, unreadable, unsplittable) = (0, 0, 0);
        var property = Prop.ForAll(Arb.From(HostileMail), raw =>
        {
            tried++;
            var message = Load(raw, out var splittable);
            unsplittable += splittable ? 0 : 1;
            var mail = EmailParser.ParseOrUnreadable(message, MaxAttachmentBytes, "imap://support@cx.test/INBOX;UID=1", Now, out var failure);
            unreadable += failure is null ? 0 : 1;
            var batch = EmailInbound.ToBatch(mail, "support@cx.test", "imap://support@cx.test/INBOX;UIDVALIDITY=1/;UID=1", Now);
            return (batch.Messages.Count == 1 || EmailIdsOfOurs(mail)).Label($"{batch.Messages.Count} messages for one mail")
                .And(mail.Attachments.Where(a => a.Size > MaxAttachmentBytes).All(a => a.OverLimit).Label("an attachment over the cap is marked"));
        });

        try
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(Inputs).WithQuietOnSuccess(true), property);
        }
        finally
        {
            TestContext.Out.WriteLine($"hostile input: email parser: {tried} inputs tried, {tried - unreadable - unsplittable} parsed, {unreadable + unsplittable} recorded as unreadable ({unsplittable} not MIME at all)");
        }
    }

    [Test]
    public void A_mail_MimeKit_cannot_split_into_headers_and_body_still_becomes_one_message_with_a_note()
    {
        // Found by this suite: MimeKit throws FormatException on such bytes, which stopped the mailbox reader at that
        // mail on every poll.
        var message = Load([], out _);

        var mail = EmailParser.Parse(message, MaxAttachmentBytes, Now);
        var again = EmailParser.Parse(Load([], out _), MaxAttachmentBytes, Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(mail.Text, Does.Contain("could not read this mail").And.Contain("UID=1"));
            Assert.That(mail.FromAddress, Is.EqualTo(EmailParser.UnknownSender));
            Assert.That(again.MessageId, Is.EqualTo(mail.MessageId), "read twice, it is a duplicate");
        }
    }

    /// <summary>What the mailbox reader does with the bytes IMAP hands it.</summary>
    private static MimeMessage Load(byte[] raw, out bool splittable)
    {
        splittable = true;
        try
        {
            using var stream = new MemoryStream(raw);
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            splittable = false;
            return EmailParser.Unparseable("unreadable.1.1.INBOX@support@cx.test", "imap://support@cx.test/INBOX;UIDVALIDITY=1/;UID=1");
        }
    }

    // Our own replies coming back are dropped on purpose.
    private static bool EmailIdsOfOurs(ParsedEmail mail) => CxInbox.Channels.Email.EmailIds.ReplyIdOf(mail.MessageId) is not null;

    private static Gen<byte[]> HostileMail => Gen.Frequency(
        (3, Structured.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
        (1, Gen.Elements("", "\r\n", "\r\n\r\n", "From:", ":\r\n\r\n", "From: a\r\n\tb\r\n \r\n", "Content-Type: multipart/mixed\r\n\r\n--").Select(Encoding.ASCII.GetBytes)),
        (1, DeepNesting.Select(Encoding.ASCII.GetBytes)));

    /// <summary>A mail whose every part may be broken: headers, charset, transfer encoding, boundaries, sizes.</summary>
    private static Gen<string> Structured =>
        from sender in Gen.Elements("Customer <c@example.com>", "", "<>", "\"unterminated <x@y", "=?utf-8?B?!!!?= <a@b>", "a@b, c@d, <<>>", new string('a', 200_000) + "@example.com")
        from subject in Gen.Elements("Halo", "=?x-unknown?Q?=FF=FE?=", "=?utf-8?B?" + Convert.ToBase64String([0xC3, 0x28]) + "?=", "=?iso-2022-jp?B?GyRCJCIbKEI=?=", new string('S', 300_000))
        from date in Gen.Elements("Wed, 18 Nov 2026 10:00:00 +0000", "yesterday", "Thu, 31 Feb 10000 25:61:61 +9999", "")
        from messageId in Gen.Elements("<q1@example.com>", "", "<>", "<" + new string('m', 5000) + ">", "<cxinbox-reply-" + Guid.NewGuid() + "@cx.test>", "no brackets")
        from charset in Gen.Elements("utf-8", "x-unknown", "utf-7", "iso-8859-1", "windows-1252", "gb2312", "utf-16", "\"", "utf-8; charset=latin1")
        from encoding in Gen.Elements("7bit", "base64", "quoted-printable", "x-uuencode", "binary", "bogus")
        from body in Gen.Elements("Paket saya belum sampai", "=ZZ=\r\n=", "!!!not base64!!!", "\u00ff\u00fe\u0000", new string('b', 100_000), "> quoted\r\n-- \r\nsig")
        from html in Gen.Elements(false, true)
        from attachment in Gen.Elements(0, 10, 70 * 1024, 200 * 1024)
        from attachmentName in Gen.Elements("a.pdf", "../../etc/passwd", "=?utf-8?Q?=00?=", "", "\u202egnp.exe", new string('n', 1000))
        from boundary in Gen.Elements("b1", "", "\"", new string('x', 100))
        from closed in Gen.Elements(true, false)
        select $"""
            From: {sender}
            To: support@cx.test
            Subject: {subject}
            Date: {date}
            Message-ID: {messageId}
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="{boundary}"

            --{boundary}
            Content-Type: {(html ? "text/html" : "text/plain")}; charset={charset}
            Content-Transfer-Encoding: {encoding}

            {(html ? $"<html><body><div>{body}<blockquote>{body}</div></body>" : body)}
            --{boundary}
            Content-Type: application/octet-stream; name="{attachmentName}"
            Content-Disposition: attachment; filename="{attachmentName}"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(new byte[attachment])}
            {(closed ? $"--{boundary}--" : "")}
            """.ReplaceLineEndings("\r\n");

    /// <summary>Multipart inside multipart, up to five thousand levels.</summary>
    private static Gen<string> DeepNesting => Gen.Elements(100, 1_000, 5_000).Select(depth =>
    {
        var mail = new StringBuilder("From: c@example.com\r\nMIME-Version: 1.0\r\n");
        for (var i = 0; i < depth; i++)
        {
            mail.Append("Content-Type: multipart/mixed; boundary=\"b").Append(i).Append("\"\r\n\r\n--b").Append(i).Append("\r\n");
        }

        return mail.Append("Content-Type: text/plain\r\n\r\nbottom\r\n").ToString();
    });
}
