using System.Net.Sockets;
using CxInbox.Channels.Email;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CxInbox.Channels.Tests.Email;

public sealed class MailResilienceTests
{
    [TestCase(SmtpStatusCode.MailboxBusy)]
    [TestCase(SmtpStatusCode.ServiceNotAvailable)]
    [TestCase(SmtpStatusCode.InsufficientStorage)]
    public void An_SMTP_4xx_answer_is_tried_again(SmtpStatusCode status)
    {
        Assert.That(MailResilience.IsTransient(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, status, "try later")), Is.True);
    }

    [TestCase(SmtpStatusCode.MailboxUnavailable)]
    [TestCase(SmtpStatusCode.ExceededStorageAllocation)]
    [TestCase(SmtpStatusCode.TransactionFailed)]
    public void An_SMTP_5xx_answer_is_final(SmtpStatusCode status)
    {
        Assert.That(MailResilience.IsTransient(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, status, "no such user")), Is.False);
    }

    [Test]
    public void A_refused_login_is_not_tried_again_and_a_network_failure_is()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MailResilience.IsTransient(new AuthenticationException("Authentication failed.")), Is.False);
            Assert.That(MailResilience.IsTransient(new SocketException((int)SocketError.ConnectionRefused)), Is.True);
            Assert.That(MailResilience.IsTransient(new IOException("connection reset")), Is.True);
        });
    }
}
