using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;
using MailKit;
using MimeKit;

namespace CxInbox.IntegrationTests.Email;

/// <summary>The e-mail channel against the real Dovecot and Postfix from test.sh: mail delivered by SMTP is read
/// over IMAP into conversations, replies leave through SMTP, and bounces come back as Postfix writes them.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class EmailChannelTests(Engines engines)
{
    private string mailbox = null!;
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        await TestMailServer.EnsureRunningAsync();
        mailbox = TestMailServer.NewAddress("support");
        var settings = TestMailServer.MailboxSettings(mailbox);
        settings["Channels:Email:MaxMessageBytes"] = "200000";
        host = await HostUnderTest.StartAsync(engines, "email", settings);
        await host.CreateOnlineAgentAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_mail_to_the_mailbox_becomes_a_conversation_and_is_flagged_read()
    {
        var customer = TestMailServer.NewAddress("jane");
        var mail = TestMailServer.Mail($"Jane Customer <{customer}>", mailbox, "Refund for order 4821",
            "My order 4821 arrived broken. I would like a refund please.\n\n-- \nJane");

        await TestMailServer.SendAsync(mail);
        var conversation = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 1);
        var inbox = await Eventually.Until(() => TestMailServer.InboxAsync(mailbox),
            m => m.Any(x => x.Message.MessageId == mail.MessageId && x.Flags.HasFlag(MessageFlags.Seen)), "the mail flagged \\Seen");

        var message = conversation!.Messages!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(conversation.Channel, Is.EqualTo("email"));
            Assert.That(conversation.Customer.Name, Is.EqualTo("Jane Customer"));
            Assert.That(message.ProviderMessageId, Is.EqualTo(mail.MessageId));
            Assert.That(message.Text, Is.EqualTo("My order 4821 arrived broken. I would like a refund please."));
            Assert.That(message.FullText, Does.EndWith("-- \nJane"));
            Assert.That(message.Subject, Is.EqualTo("Refund for order 4821"));
            Assert.That(message.Direction, Is.EqualTo("inbound"));
            Assert.That(inbox.Count(x => x.Message.MessageId == mail.MessageId), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_mail_over_the_size_limit_arrives_as_its_headers_with_a_note()
    {
        var customer = TestMailServer.NewAddress("big");
        var mail = TestMailServer.Mail(customer, mailbox, "Scans of the damage", "Photos attached.");
        var body = new Multipart("mixed") { mail.Body!, new MimePart("image", "jpeg") { FileName = "scan.jpg", Content = new MimeContent(new MemoryStream(new byte[300_000])) } };
        mail.Body = body;

        await TestMailServer.SendAsync(mail);
        var conversation = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 1);

        var message = conversation!.Messages!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.ProviderMessageId, Is.EqualTo(mail.MessageId));
            Assert.That(message.Subject, Is.EqualTo("Scans of the damage"));
            Assert.That(message.Text, Does.Match(@"^\[This mail is 0\.\d MB, over the 0\.2 MB limit, so CxInbox did not download it\. The original is in the mailbox support-"));
            Assert.That(message.Attachments, Is.Empty);
        });
    }

    [Test]
    public async Task An_agent_reply_threads_under_the_customer_s_mail_and_the_customer_s_answer_joins_the_conversation()
    {
        var customer = TestMailServer.NewAddress("budi");
        var first = TestMailServer.Mail(customer, mailbox, "Paket belum sampai", "Paket saya belum sampai, mohon dicek.");
        await TestMailServer.SendAsync(first);
        var conversation = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 1);

        using var replied = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = "Halo Budi, kami cek sekarang." });
        var received = await Eventually.Until(() => TestMailServer.InboxAsync(customer), m => m.Count == 1, "our reply in the customer's mailbox");
        var ours = received.Single().Message;
        var answer = TestMailServer.Mail(customer, mailbox, "Thanks", "Terima kasih!");
        answer.InReplyTo = ours.MessageId;
        answer.References.Add(ours.MessageId!);
        await TestMailServer.SendAsync(answer);
        var threaded = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 3);

        Assert.Multiple(() =>
        {
            Assert.That(replied.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(ours.InReplyTo, Is.EqualTo(first.MessageId));
            Assert.That(ours.References, Is.EqualTo(new[] { first.MessageId }));
            Assert.That(ours.Subject, Does.StartWith("Re: Paket belum sampai [#CX-"));
            Assert.That(ours.Headers[HeaderId.AutoSubmitted], Is.EqualTo("no"));
            Assert.That(ours.From.Mailboxes.Single().Address, Is.EqualTo(mailbox));
            Assert.That(ours.TextBody?.Trim(), Is.EqualTo("Halo Budi, kami cek sekarang."));
            Assert.That(threaded!.Id, Is.EqualTo(conversation.Id));
            Assert.That(threaded.Messages!.Single(m => m.Direction == "outbound").ProviderMessageId, Is.EqualTo(ours.MessageId));
            Assert.That(threaded.Messages!.Single(m => m.ProviderMessageId == answer.MessageId).Text, Is.EqualTo("Terima kasih!"));
        });
    }

    [Test]
    public async Task An_answer_with_only_our_subject_tag_joins_its_conversation_even_after_it_was_resolved()
    {
        var customer = TestMailServer.NewAddress("tag");
        await TestMailServer.SendAsync(TestMailServer.Mail(customer, mailbox, "Invoice 7730", "Where is my invoice?"));
        var conversation = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 1);
        using var resolved = await host.Admin.PostAsync($"/api/conversations/{conversation!.Id}/resolve", null);
        var token = conversation.Id.ToString("N")[^8..].ToUpperInvariant();

        // Headers stripped (a client that drops In-Reply-To), only the tag survives in the subject.
        await TestMailServer.SendAsync(TestMailServer.Mail(customer, mailbox, $"Re: Invoice 7730 [#CX-{token}]", "Found it, thanks."));
        var reopened = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 2);

        Assert.Multiple(() =>
        {
            Assert.That(resolved.IsSuccessStatusCode, Is.True, resolved.StatusCode.ToString());
            Assert.That(reopened!.Id, Is.EqualTo(conversation.Id));
            Assert.That(reopened.Status, Is.Not.EqualTo("resolved"));
        });
    }

    [Test]
    public async Task An_auto_reply_is_recorded_on_its_conversation_and_opens_none_of_its_own()
    {
        var customer = TestMailServer.NewAddress("ooo");
        var stranger = TestMailServer.NewAddress("vacation");
        var first = TestMailServer.Mail(customer, mailbox, "Question", "Do you ship to Bandung?");
        await TestMailServer.SendAsync(first);
        await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 1);
        var onThread = TestMailServer.Mail(customer, mailbox, "Automatic reply: Question", "I am out of the office until Monday.");
        onThread.InReplyTo = first.MessageId;
        onThread.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var unrelated = TestMailServer.Mail(stranger, mailbox, "Out of Office", "I am away.");
        unrelated.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var newsletter = TestMailServer.Mail(stranger, mailbox, "Our November deals", "Big sale!");
        newsletter.Headers.Add("List-Id", "<deals.shop.example>");
        // Read in UID order: once the barrier's conversation exists, the three before it have been handled.
        var barrier = TestMailServer.Mail(TestMailServer.NewAddress("barrier"), mailbox, "Barrier", "A person writing.");

        await TestMailServer.SendAsync(unrelated);
        await TestMailServer.SendAsync(newsletter);
        await TestMailServer.SendAsync(onThread);
        await TestMailServer.SendAsync(barrier);
        await EmailConversationAsync(host, barrier.From.Mailboxes.Single().Address, c => c is not null);
        var conversation = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 2);

        var strangersConversation = await FindEmailConversationAsync(host, stranger);
        var unrelatedStored = await host.StoredMessageCountAsync(unrelated.MessageId!);
        var newsletterStored = await host.StoredMessageCountAsync(newsletter.MessageId!);

        var automated = conversation!.Messages!.Last();
        Assert.Multiple(() =>
        {
            Assert.That(automated.Direction, Is.EqualTo("automated"));
            Assert.That(automated.Automated, Is.EqualTo("auto-reply"));
            Assert.That(automated.ProviderMessageId, Is.EqualTo(onThread.MessageId));
            Assert.That(strangersConversation, Is.Null);
            Assert.That(unrelatedStored, Is.Zero);
            Assert.That(newsletterStored, Is.Zero);
        });
    }

    [Test]
    public async Task A_bounce_of_an_agent_reply_marks_it_undelivered_and_opens_no_conversation()
    {
        // Postfix accepts the reply, the next hop for bounce.cx.test refuses it, and Postfix mails a DSN back.
        var customer = $"gone-{Guid.NewGuid():N}"[..17] + "@bounce." + TestEnvironment.MailDomain;
        await TestMailServer.SendAsync(TestMailServer.Mail(customer, mailbox, "Order 4821", "Please call me."));
        var conversation = await EmailConversationAsync(host, customer, c => c?.Messages?.Length == 1);

        using var replied = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = "We tried to call you." });
        var bounced = await EmailConversationAsync(host, customer,
            c => c?.Messages?.Any(m => m.Direction == "outbound" && m.Delivery?.Status == "undelivered") == true
                && c.Messages.Any(m => m.Automated == "delivery-status"));

        var daemonsConversation = await FindEmailConversationAsync(host, "mailer-daemon@" + TestEnvironment.MailDomain);

        var reply = bounced!.Messages!.Single(m => m.Direction == "outbound");
        Assert.Multiple(() =>
        {
            Assert.That(replied.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(reply.Delivery!.ErrorCode, Does.StartWith("5."));
            Assert.That(reply.Delivery.Error, Does.Contain(customer));
            Assert.That(daemonsConversation, Is.Null);
        });
    }

    [Test]
    public async Task A_reply_the_SMTP_server_refuses_for_good_fails_at_once_with_the_servers_words()
    {
        var ownMailbox = TestMailServer.NewAddress("refused");
        var settings = TestMailServer.MailboxSettings(ownMailbox);
        settings["Channels:Email:Smtp:Port"] = TestEnvironment.RefusingSmtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Were a 5xx retried, this many retries with these pauses would keep the reply "sending" for minutes.
        settings["Channels:Email:Resilience:MaxRetryAttempts"] = "8";
        settings["Channels:Email:Resilience:BaseDelay"] = "00:00:10";
        await using var own = await HostUnderTest.StartAsync(engines, "email-refused", settings);
        var customer = TestMailServer.NewAddress("refusedto");
        await TestMailServer.SendAsync(TestMailServer.Mail(customer, ownMailbox, "Hello", "Anyone there?"));
        var conversation = await EmailConversationAsync(own, customer, c => c?.Messages?.Length == 1);

        using var replied = await own.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = "Yes, we are." });
        var failed = await EmailConversationAsync(own, customer, c => c?.Messages?.Any(m => m.Delivery?.Status == "failed") == true);

        var delivery = failed!.Messages!.Single(m => m.Direction == "outbound").Delivery!;
        Assert.Multiple(() =>
        {
            Assert.That(delivery.ErrorCode, Is.EqualTo("smtp_554"));
            Assert.That(delivery.Error, Does.Contain("refused the recipient").And.Contain(customer));
        });
    }

    [Test]
    public async Task A_restarted_reader_reads_mail_that_came_while_it_was_down_and_nothing_twice()
    {
        var own = await HostUnderTest.StartAsync(engines, "email-restart", TestMailServer.MailboxSettings(TestMailServer.NewAddress("restart")));
        var ownMailbox = own.Factory.Settings["Channels:Email:Mailboxes:0:Address"]!;
        var customer = TestMailServer.NewAddress("again");
        var before = TestMailServer.Mail(customer, ownMailbox, "First", "The first mail.");
        var during = TestMailServer.Mail(customer, ownMailbox, "Second", "The second mail.");
        await TestMailServer.SendAsync(before);
        await EmailConversationAsync(own, customer, c => c?.Messages?.Length == 1);

        await Eventually.Until(() => TestMailServer.InboxAsync(ownMailbox), m => m.All(x => x.Flags.HasFlag(MessageFlags.Seen)), "the first mail flagged \\Seen");

        // While it is down, someone marks the first mail unread: the reader goes by its checkpoint, not the flag, so
        // it must leave that mail alone (reading it again would flag it again).
        await using var restarted = await own.RestartAsync(async () =>
        {
            await TestMailServer.MarkUnreadAsync(ownMailbox, before.MessageId!);
            await TestMailServer.SendAsync(during);
        });
        var conversation = await EmailConversationAsync(restarted, customer, c => c?.Messages?.Length == 2);
        var inbox = await Eventually.Until(() => TestMailServer.InboxAsync(ownMailbox),
            m => m.Any(x => x.Message.MessageId == during.MessageId && x.Flags.HasFlag(MessageFlags.Seen)), "the second mail flagged \\Seen");
        var checkpoint = await restarted.ScalarAsync<long>("SELECT last_uid FROM mailbox_checkpoints WHERE mailbox = @p", ownMailbox);

        var beforeStored = await restarted.StoredMessageCountAsync(before.MessageId!);
        var duringStored = await restarted.StoredMessageCountAsync(during.MessageId!);

        Assert.Multiple(() =>
        {
            Assert.That(conversation!.Messages!.Select(m => m.ProviderMessageId), Is.EqualTo(new[] { before.MessageId, during.MessageId }));
            Assert.That(beforeStored, Is.EqualTo(1));
            Assert.That(duringStored, Is.EqualTo(1));
            Assert.That(checkpoint, Is.EqualTo(2), "the checkpoint stands at the second mail's UID");
            Assert.That(inbox.Single(x => x.Message.MessageId == before.MessageId).Flags.HasFlag(MessageFlags.Seen), Is.False,
                "the first mail was read again after the restart");
        });
    }

    private static Task<ConversationJson?> EmailConversationAsync(HostUnderTest host, string customer, Func<ConversationJson?, bool> done) =>
        Eventually.Until(() => FindEmailConversationAsync(host, customer), done, $"the e-mail conversation of {customer}", TimeSpan.FromSeconds(60));

    private static async Task<ConversationJson?> FindEmailConversationAsync(HostUnderTest host, string customerAddress)
    {
        var page = await host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=email&pageSize=200");
        var summary = page!.Items.FirstOrDefault(c => string.Equals(c.Customer.Address, customerAddress, StringComparison.OrdinalIgnoreCase));
        return summary is null ? null : await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{summary.Id}");
    }
}
