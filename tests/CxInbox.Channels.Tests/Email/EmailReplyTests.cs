using CxInbox.Channels.Email;
using CxInbox.Channels.Email.Outbound;
using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CxInbox.Channels.Tests.Email;

public sealed class EmailReplyTests
{
    private static readonly Guid Conversation = Guid.Parse("0190f3a2-0000-7000-8000-00001a2b3c4d");
    private static readonly Guid Reply = Guid.Parse("0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60");

    private static MailboxOptions Mailbox => new() { Address = "support@cx.test", DisplayName = "Example Support", Host = "imap.cx.test", User = "u", Password = "p" };

    private static OutboundReply ReplyTo(string? subject, string? lastId, params string[] references) => new()
    {
        ReplyId = Reply,
        ConversationId = Conversation,
        Channel = "email",
        ChannelAccount = "support@cx.test",
        CustomerAddress = "jane@example.com",
        Text = "Here is the reference: TRX-1.",
        LastCustomerMessageId = lastId,
        LastCustomerMessageSubject = subject,
        LastCustomerMessageReferences = references,
    };

    [Test]
    public void A_reply_threads_under_the_customer_s_mail_and_says_a_person_wrote_it()
    {
        var message = SmtpReplySender.Compose(ReplyTo("Refund for order 4821", "c2@example.com", "c1@example.com"), Mailbox,
            MailboxAddress.Parse("jane@example.com"), DateTimeOffset.UnixEpoch);

        Assert.Multiple(() =>
        {
            Assert.That(message.MessageId, Is.EqualTo("cx.0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60@cx.test"));
            Assert.That(message.InReplyTo, Is.EqualTo("c2@example.com"));
            Assert.That(message.References, Is.EqualTo(new[] { "c1@example.com", "c2@example.com" }));
            Assert.That(message.Subject, Is.EqualTo("Re: Refund for order 4821 [#CX-1A2B3C4D]"));
            Assert.That(message.Headers[HeaderId.AutoSubmitted], Is.EqualTo("no"));
            Assert.That(message.From.Mailboxes.Single().ToString(), Is.EqualTo("\"Example Support\" <support@cx.test>"));
            Assert.That(message.TextBody, Is.EqualTo("Here is the reference: TRX-1."));
        });
    }

    [TestCase("Re: Refund [#CX-1A2B3C4D]", "Re: Refund [#CX-1A2B3C4D]")]
    [TestCase("RE: Refund", "RE: Refund [#CX-1A2B3C4D]")]
    [TestCase("Refund", "Re: Refund [#CX-1A2B3C4D]")]
    [TestCase(null, "Re: Your message [#CX-1A2B3C4D]")]
    public void The_subject_gets_Re_and_our_tag_once(string? original, string expected)
    {
        Assert.That(EmailIds.ReplySubject(original, Conversation), Is.EqualTo(expected));
    }

    [Test]
    public void Our_tag_and_Message_ID_lead_back_to_the_conversation_and_the_reply()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EmailIds.TokenInSubject("Re: Refund [#CX-1A2B3C4D]"), Is.EqualTo(EmailIds.TokenFor(Conversation)));
            Assert.That(Conversation.ToString("N"), Does.EndWith(EmailIds.TokenFor(Conversation)));
            Assert.That(EmailIds.ReplyIdOf(EmailIds.MessageIdFor(Reply, "support@cx.test")), Is.EqualTo(Reply));
            Assert.That(EmailIds.ReplyIdOf("CAFAKE-reply-0002.4821@mail.example.com"), Is.Null);
        });
    }

    [Test]
    public void A_long_thread_keeps_the_first_and_the_latest_references()
    {
        var chain = Enumerable.Range(1, 30).Select(i => $"m{i}@example.com").ToArray();

        var message = SmtpReplySender.Compose(ReplyTo("x", "m31@example.com", chain), Mailbox, MailboxAddress.Parse("jane@example.com"), DateTimeOffset.UnixEpoch);

        Assert.That(message.References, Is.EqualTo(new[] { "m1@example.com" }.Concat(Enumerable.Range(22, 10).Select(i => $"m{i}@example.com"))));
    }

    [Test]
    public void A_mailbox_without_host_or_smtp_stops_the_start_with_the_key_named()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Email:Mailboxes:0:Address"] = "support@cx.test",
            ["Channels:Email:Mailboxes:0:User"] = "support",
            ["Channels:Email:Mailboxes:0:Password"] = "secret-password",
        }).Build();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(TimeProvider.System);
        new ChannelsBuilder(services, runsAdapters: true).AddEmailChannel(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<EmailOptions>>().Value)!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("Channels:Email:Mailboxes:0:Host is required"));
            Assert.That(error.Message, Does.Contain("Channels:Email:Mailboxes:0:Smtp:Host or Channels:Email:Smtp:Host is required"));
            Assert.That(error.Message, Does.Not.Contain("secret-password"));
        });
    }
}
