using System.Text;
using CxInbox.Channels.Email;
using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Email.Parsing;
using MimeKit;

namespace CxInbox.Channels.Tests.Email;

public sealed class EmailParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    internal static MimeMessage Load(string raw)
    {
        using var stream = new MemoryStream(Encoding.Latin1.GetBytes(raw.ReplaceLineEndings("\r\n")));
        return MimeMessage.Load(stream);
    }

    private static ParsedEmail Parse(string raw) => EmailParser.Parse(Load(raw), 25 * 1024 * 1024, Now);

    private const string PlainHeaders = """
        From: Customer <Customer@Example.COM>
        To: support@cx.test
        Subject: Question
        Date: Wed, 18 Nov 2026 10:00:00 +0000
        Message-ID: <q1@example.com>
        MIME-Version: 1.0

        """;

    [TestCase("Auto-Submitted: auto-generated", AutomatedMail.AutoReply)]
    [TestCase("Auto-Submitted: auto-replied", AutomatedMail.AutoReply)]
    [TestCase("X-Autoreply: yes", AutomatedMail.AutoReply)]
    [TestCase("X-Autorespond: Out of office", AutomatedMail.AutoReply)]
    [TestCase("Precedence: auto_reply", AutomatedMail.AutoReply)]
    [TestCase("Precedence: bulk", AutomatedMail.Bulk)]
    [TestCase("Precedence: junk", AutomatedMail.Bulk)]
    [TestCase("Precedence: list", AutomatedMail.Bulk)]
    [TestCase("List-Id: <news.example.com>", AutomatedMail.Bulk)]
    [TestCase("List-Unsubscribe: <mailto:leave@example.com>", AutomatedMail.Bulk)]
    [TestCase("X-Failed-Recipients: someone@example.com", AutomatedMail.DeliveryStatus)]
    [TestCase("Return-Path: <>", AutomatedMail.AutoReply)]
    public void Automated_mail_is_recognised_by_its_headers(string header, string kind)
    {
        var mail = Parse(header + "\n" + PlainHeaders + "Content-Type: text/plain\n\nHello");

        Assert.That(mail.Automated, Is.EqualTo(kind));
    }

    [TestCase("Auto-Submitted: no")]
    [TestCase("Precedence: first-class")]
    [TestCase("X-Auto-Response-Suppress: All")]
    public void A_person_s_mail_is_not_automated(string header)
    {
        var mail = Parse(header + "\n" + PlainHeaders + "Content-Type: text/plain\n\nHello");

        Assert.That(mail.Automated, Is.Null);
    }

    [Test]
    public void A_mail_without_a_sender_is_kept_under_the_unknown_sender()
    {
        var raw = PlainHeaders.Replace("From: Customer <Customer@Example.COM>\n", "", StringComparison.Ordinal) + "Content-Type: text/plain\n\nHello";

        Assert.That(Parse(raw).FromAddress, Is.EqualTo(EmailParser.UnknownSender));
    }

    [Test]
    public void The_sender_is_lower_cased()
    {
        Assert.That(Parse(PlainHeaders + "Content-Type: text/plain\n\nHello").FromAddress, Is.EqualTo("customer@example.com"));
    }

    [Test]
    public void A_mail_from_the_mailer_daemon_is_a_delivery_report()
    {
        var raw = PlainHeaders.Replace("From: Customer <Customer@Example.COM>", "From: MAILER-DAEMON@mx.example.com", StringComparison.Ordinal)
            + "Content-Type: text/plain\n\nYour message <cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test> could not be delivered.";

        var mail = Parse(raw);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Automated, Is.EqualTo(AutomatedMail.DeliveryStatus));
            Assert.That(mail.Bounce?.OriginalMessageId, Is.EqualTo("cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test"));
        });
    }

    internal const string Dsn = """
        Return-Path: <>
        From: Mail Delivery System <MAILER-DAEMON@cx.test>
        To: support@cx.test
        Subject: Undelivered Mail Returned to Sender
        Date: Wed, 18 Nov 2026 10:00:00 +0000
        Message-ID: <dsn-1@cx.test>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        I'm sorry to have to inform you that your message could not be delivered.

        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; cx.test

        Final-Recipient: rfc822; nobody@bounce.cx.test
        Original-Recipient: rfc822;nobody@bounce.cx.test
        Action: failed
        Status: 5.1.1
        Diagnostic-Code: X-Postfix; no such user

        --B
        Content-Type: text/rfc822-headers

        From: support@cx.test
        To: nobody@bounce.cx.test
        Subject: Re: Question [#CX-1A2B3C4D]
        Message-ID: <cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test>

        --B--
        """;

    [Test]
    public void A_bounce_of_our_reply_marks_that_reply_undelivered_and_threads_to_it()
    {
        var mail = Parse(Dsn);
        var batch = EmailInbound.ToBatch(mail, "support@cx.test", "imap://support@cx.test/INBOX;UIDVALIDITY=1/;UID=7", Now);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Automated, Is.EqualTo(AutomatedMail.DeliveryStatus));
            Assert.That(mail.Bounce, Is.EqualTo(new Bounce("cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test", "failed", "5.1.1", "nobody@bounce.cx.test", "no such user")));
            Assert.That(mail.References, Does.Contain("cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test"));
            Assert.That(mail.Attachments, Is.Empty);
            var status = batch.Statuses.Single();
            Assert.That(status.Status, Is.EqualTo("undelivered"));
            Assert.That(status.ReplyId, Is.EqualTo(Guid.Parse("0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60")));
            Assert.That(status.ProviderMessageId, Is.EqualTo("cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test"));
            Assert.That(status.ErrorCode, Is.EqualTo("5.1.1"));
            Assert.That(status.ErrorReason, Does.Contain("nobody@bounce.cx.test").And.Contain("no such user"));
            Assert.That(batch.Messages.Single().Automated, Is.EqualTo(AutomatedMail.DeliveryStatus));
        });
    }

    [Test]
    public void Our_own_reply_coming_back_to_the_mailbox_is_not_a_customer_message()
    {
        var raw = PlainHeaders.Replace("Message-ID: <q1@example.com>", "Message-ID: <cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test>", StringComparison.Ordinal)
            + "Content-Type: text/plain\n\nOur answer";

        Assert.That(EmailInbound.ToBatch(Parse(raw), "support@cx.test", "imap://x", Now).Count, Is.Zero);
    }

    [Test]
    public void A_delayed_report_changes_no_delivery_state()
    {
        var mail = Parse(Dsn.Replace("Action: failed", "Action: delayed", StringComparison.Ordinal).Replace("5.1.1", "4.4.1", StringComparison.Ordinal));

        Assert.That(EmailInbound.ToBatch(mail, "support@cx.test", "imap://x", Now).Statuses, Is.Empty);
    }

    [Test]
    public void A_mail_without_Message_ID_gets_a_stable_hash_of_its_headers()
    {
        var raw = PlainHeaders.Replace("Message-ID: <q1@example.com>\n", "", StringComparison.Ordinal) + "Content-Type: text/plain\n\nHello";

        var first = Parse(raw).MessageId;
        var again = Parse(raw).MessageId;
        var other = Parse(raw.Replace("Hello", "Hallo", StringComparison.Ordinal)).MessageId;

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    public void Latin_1_and_windows_1252_quoted_printable_text_is_decoded()
    {
        var latin1 = Parse(PlainHeaders + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nTerima kasih, sudah saya bayar =B1 Rp 50.000 di caf=E9");
        var cp1252 = Parse(PlainHeaders + "Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\nJum=92at =96 pagi");

        Assert.Multiple(() =>
        {
            Assert.That(latin1.Text, Is.EqualTo("Terima kasih, sudah saya bayar ± Rp 50.000 di café"));
            Assert.That(cp1252.Text, Is.EqualTo("Jum’at – pagi"));
        });
    }

    [Test]
    public void Base64_UTF_8_text_and_encoded_words_in_the_subject_are_decoded()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("Pesanan saya belum sampai 😞"));
        var raw = PlainHeaders.Replace("Subject: Question", "Subject: =?UTF-8?B?UGVzYW5hbiDigJMgYmVsdW0gc2FtcGFp?=", StringComparison.Ordinal)
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + body;

        var mail = Parse(raw);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Subject, Is.EqualTo("Pesanan – belum sampai"));
            Assert.That(mail.Text, Is.EqualTo("Pesanan saya belum sampai 😞"));
        });
    }

    [Test]
    public void A_forwarded_mail_is_one_attachment()
    {
        var raw = PlainHeaders + """
            Content-Type: multipart/mixed; boundary="M"

            --M
            Content-Type: text/plain

            See below.
            --M
            Content-Type: message/rfc822

            From: someone@example.com
            Subject: Original
            Content-Type: multipart/mixed; boundary="N"

            --N
            Content-Type: text/plain

            inner
            --N
            Content-Type: application/pdf; name="inner.pdf"
            Content-Disposition: attachment; filename="../../etc/inner.pdf"

            JVBERg==
            --N--
            --M--
            """;

        var mail = Parse(raw);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Text, Is.EqualTo("See below."));
            Assert.That(mail.Attachments.Select(a => (a.FileName, a.ContentType, a.PartSpecifier)), Is.EqualTo(new[] { ("forwarded.eml", "message/rfc822", "2") }));
        });
    }

    [Test]
    public void Attachment_names_lose_path_separators()
    {
        var raw = PlainHeaders + """
            Content-Type: multipart/mixed; boundary="M"

            --M
            Content-Type: text/plain

            Invoice attached.
            --M
            Content-Type: application/pdf
            Content-Disposition: attachment; filename="../../etc/passwd.pdf"
            Content-Transfer-Encoding: base64

            JVBERg==
            --M--
            """;

        Assert.That(Parse(raw).Attachments.Single(), Is.EqualTo(new EmailAttachment("_.._etc_passwd.pdf", "application/pdf", 4, "2", OverLimit: false)));
    }
}
