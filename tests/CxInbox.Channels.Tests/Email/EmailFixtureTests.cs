using CxInbox.Channels.Email.Parsing;
using CxInbox.Channels.Tests.Providers;
using MimeKit;

namespace CxInbox.Channels.Tests.Email;

/// <summary>The shared e-mail fixtures, read as the IMAP reader reads them (channels.md §4.3–4.6).</summary>
public sealed class EmailFixtureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    internal static ParsedEmail Parse(string fixture, long maxAttachmentBytes = 25 * 1024 * 1024)
    {
        using var stream = new MemoryStream(ProviderData.Fixture(fixture));
        return EmailParser.Parse(MimeMessage.Load(stream), maxAttachmentBytes, Now);
    }

    [Test]
    public void An_English_reply_keeps_its_ids_and_shows_the_agent_only_the_new_part()
    {
        var mail = Parse("email-reply-en.eml");

        Assert.Multiple(() =>
        {
            Assert.That(mail.MessageId, Is.EqualTo("CAFAKE-reply-0002.4821@mail.example.com"));
            Assert.That(mail.FromAddress, Is.EqualTo("jane.customer@example.com"));
            Assert.That(mail.FromName, Is.EqualTo("Jane Customer"));
            Assert.That(mail.Date, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 11, 20, 37, TimeSpan.Zero)));
            Assert.That(mail.Text, Does.StartWith("Hi Budi,\n\nThanks for the quick answer."));
            Assert.That(mail.Text, Does.EndWith("Best regards,\nJane"));
            Assert.That(mail.Text, Does.Not.Contain("Example Customer Co.").And.Not.Contain("wrote:").And.Not.Contain(">"));
            Assert.That(mail.FullText, Does.Contain("-- \nJane Customer").And.Contain(">> My order 4821 arrived broken."));
            Assert.That(mail.InReplyTo, Is.EqualTo("cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.example.com"));
            Assert.That(mail.References, Is.EqualTo(new[] { "CAFAKE-orig-0001.4821@mail.example.com", "cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.example.com" }));
            Assert.That(mail.ConversationToken, Is.EqualTo("1042"));
            Assert.That(mail.Automated, Is.Null);
            Assert.That(mail.Attachments, Is.Empty);
        });
    }

    [Test]
    public void An_Indonesian_HTML_only_mail_becomes_plain_text_with_every_character_intact()
    {
        var mail = Parse("email-html-id-attachment.eml");

        Assert.Multiple(() =>
        {
            Assert.That(mail.FromName, Is.EqualTo("Dewi Anggraini"));
            Assert.That(mail.Subject, Is.EqualTo("Keluhan pesanan #4821 – barang rusak saat diterima"));
            Assert.That(mail.FromHtml, Is.True);
            Assert.That(mail.Date, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 5, 41, 2, TimeSpan.Zero)));
            Assert.That(mail.Text, Does.StartWith("Selamat siang Tim Example,\n\nSaya ingin menyampaikan keluhan terkait pesanan #4821"));
            Assert.That(mail.Text, Does.Contain("hari Jum’at sore").And.Contain("retak – sepertinya").And.Contain("Rp 2.350.000"));
            Assert.That(mail.Text, Does.Contain("estimasi ± 3 hari kerja").And.Contain("anak saya 😞"));
            Assert.That(mail.Text, Does.Contain("Terima kasih,\nDewi Anggraini\n0812-0000-0000 (WA)"));
            Assert.That(mail.Text, Does.Not.Contain("<").And.Not.Contain("&").And.Not.Contain("Dikirim dari Yahoo Mail"));
            Assert.That(mail.FullText, Does.EndWith("Dikirim dari Yahoo Mail di Android"));
            Assert.That(mail.Automated, Is.Null);
        });
    }

    [Test]
    public void An_attachment_keeps_its_decoded_RFC_2231_name_type_and_size()
    {
        var mail = Parse("email-html-id-attachment.eml");

        Assert.That(mail.Attachments, Is.EqualTo(new[] { new EmailAttachment("bukti transfer – BCA.png", "image/png", 70, "2", OverLimit: false) }));
    }

    [Test]
    public void An_attachment_over_the_cap_is_named_in_the_text_instead_of_kept()
    {
        var mail = Parse("email-html-id-attachment.eml", maxAttachmentBytes: 50);

        Assert.Multiple(() =>
        {
            Assert.That(mail.Attachments.Single().OverLimit, Is.True);
            Assert.That(mail.Text, Does.EndWith("[Attachment \"bukti transfer – BCA.png\" (0 MB) not kept: over the 0 MB limit. It is still in the mailbox.]"));
        });
    }

    [Test]
    public void An_out_of_office_answer_is_automated_and_still_threads()
    {
        var mail = Parse("email-auto-reply-ooo.eml");

        Assert.Multiple(() =>
        {
            Assert.That(mail.Automated, Is.EqualTo(AutomatedMail.AutoReply));
            Assert.That(mail.InReplyTo, Is.EqualTo("cx.0190f3b8-1a2b-7c3d-8e4f-5a6b7c8d9e0f@cx.example.com"));
            Assert.That(mail.ConversationToken, Is.EqualTo("1057"));
            Assert.That(mail.Bounce, Is.Null);
            Assert.That(mail.Text, Does.StartWith("Thank you for your email.").And.EndWith("Ahmad Wijaya"));
        });
    }
}
