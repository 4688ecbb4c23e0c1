using System.Net;
using CxInbox.Channels.Email;
using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Email.Outbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxInbox.IntegrationTests.Email;

/// <summary>The SMTP reply sender under the conformance suite: accepted by the test Postfix, refused for good by the
/// test Postfix that refuses every recipient, and failing transiently through the suite's scripted SMTP server.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class EmailReplySenderConformanceTests : SmtpReplySenderConformance
{
    private readonly string mailbox = TestMailServer.NewAddress("conformance");

    [OneTimeSetUp]
    public Task RequireTheMailServer() => TestMailServer.EnsureRunningAsync();

    protected override DnsEndPoint AcceptingServer => new(TestEnvironment.Smtp.Host, TestEnvironment.Smtp.Port);

    protected override DnsEndPoint RefusingServer => new(TestEnvironment.RefusingSmtp.Host, TestEnvironment.RefusingSmtp.Port);

    protected override IReplySender CreateSender(DnsEndPoint server, ProviderResilienceOptions resilience, TimeProvider clock) =>
        new SmtpReplySender(Options.Create(new EmailOptions
        {
            Mailboxes =
            [
                new MailboxOptions
                {
                    Address = mailbox,
                    DisplayName = "Example Support",
                    Host = TestEnvironment.Imap.Host,
                    Port = TestEnvironment.Imap.Port,
                    TlsMode = MailTlsMode.None,
                    User = mailbox,
                    Password = TestEnvironment.MailPassword,
                    Smtp = new SmtpOptions { Host = server.Host, Port = server.Port, TlsMode = MailTlsMode.None },
                },
            ],
            Resilience = resilience,
        }), clock, NullLogger<SmtpReplySender>.Instance);

    protected override OutboundReply SampleReply(DateTimeOffset now) => new()
    {
        ReplyId = Guid.CreateVersion7(now),
        ConversationId = Guid.CreateVersion7(now),
        Channel = EmailInbound.Channel,
        ChannelAccount = mailbox,
        CustomerAddress = TestMailServer.NewAddress("customer"),
        Text = "Halo Rina, pesanan #4821 sudah kami cek.",
        LastCustomerMessageId = "CAFAKE-reply-0002.4821@mail.example.com",
        LastCustomerMessageSubject = "Refund for order 4821",
    };
}
