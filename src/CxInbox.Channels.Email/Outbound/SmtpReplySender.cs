using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Outbound;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;

namespace CxInbox.Channels.Email.Outbound;

/// <summary>
/// Sends an agent's reply from the mailbox the customer wrote to, threaded under their newest mail (In-Reply-To,
/// References) and marked as written by a person (<c>Auto-Submitted: no</c>). The Message-ID is made from the reply id,
/// so a retry after an ambiguous failure sends the same id (receivers collapse duplicates) and a bounce names the reply.
/// </summary>
public sealed class SmtpReplySender(IOptions<EmailOptions> options, TimeProvider clock, ILogger<SmtpReplySender> logger) : IReplySender
{
    // RFC 5322 asks for the whole chain; long chains keep the first and the latest ones (channels.md §4.4).
    private const int MaxReferences = 11;

    private readonly ResiliencePipeline resilience = MailResilience.Create(options.Value.Resilience, clock);

    public string Channel => EmailInbound.Channel;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var mailbox = options.Value.Mailboxes.FirstOrDefault(m => m.Address.Trim().Equals(reply.ChannelAccount, StringComparison.OrdinalIgnoreCase));
        if (mailbox is null)
        {
            return new SendOutcome.Failed("unknown_mailbox", $"No mailbox {reply.ChannelAccount} is configured here, so the reply cannot be sent from it.", IsPermanent: true);
        }

        if (!MailboxAddress.TryParse(reply.CustomerAddress, out var to))
        {
            return new SendOutcome.Failed("invalid_address", $"'{reply.CustomerAddress}' is not an e-mail address.", IsPermanent: true);
        }

        var smtp = mailbox.Smtp ?? options.Value.Smtp!;
        var message = Compose(reply, mailbox, to, clock.GetUtcNow());
        try
        {
            await resilience.ExecuteAsync(async token =>
            {
                using var client = new SmtpClient();
                await client.ConnectAsync(smtp.Host, smtp.SmtpPort, MailboxReader.ToSocketOptions(smtp.TlsMode), token);
                var user = string.IsNullOrEmpty(smtp.User) ? mailbox.User : smtp.User;
                var password = string.IsNullOrEmpty(smtp.Password) ? mailbox.Password : smtp.Password;
                if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication) && !string.IsNullOrEmpty(user))
                {
                    await client.AuthenticateAsync(user, password, token);
                }

                await client.SendAsync(message, token);
                await client.DisconnectAsync(quit: true, token);
            }, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            logger.LogWarning("SMTP server {Host} refused reply {ReplyId}: {Code} {ErrorCode}", smtp.Host, reply.ReplyId, code, e.ErrorCode);
            return new SendOutcome.Failed($"smtp_{code}", Reason(e), IsPermanent: code >= 500);
        }
        catch (MailKit.Security.AuthenticationException)
        {
            return new SendOutcome.Failed("smtp_auth", $"The mail server {smtp.Host} refused our login for {mailbox.Address}: check its user and (app) password.", IsPermanent: false);
        }
        catch (Exception e) when (MailResilience.IsTransient(e))
        {
            logger.LogWarning(e, "SMTP server {Host} could not take reply {ReplyId}", smtp.Host, reply.ReplyId);
            return new SendOutcome.Failed("smtp_unavailable", $"The mail server {smtp.Host} could not be reached or dropped the connection; the reply may be sent again.", IsPermanent: false);
        }

        return new SendOutcome.Sent(message.MessageId!, "sent");
    }

    public static MimeMessage Compose(OutboundReply reply, MailboxOptions mailbox, MailboxAddress to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(mailbox);
        var message = new MimeMessage
        {
            Subject = EmailIds.ReplySubject(reply.LastCustomerMessageSubject, reply.ConversationId),
            MessageId = EmailIds.MessageIdFor(reply.ReplyId, mailbox.Address.Trim()),
            Date = now,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = reply.Text },
        };
        message.From.Add(new MailboxAddress(mailbox.DisplayName, mailbox.Address.Trim()));
        message.To.Add(to);
        if (reply.LastCustomerMessageId is { Length: > 0 } parent && !parent.StartsWith("sha256:", StringComparison.Ordinal))
        {
            message.InReplyTo = parent;
            var chain = reply.LastCustomerMessageReferences.Where(r => r != parent).Append(parent).ToList();
            var kept = chain.Count <= MaxReferences ? chain : [chain[0], .. chain.TakeLast(MaxReferences - 1)];
            foreach (var id in kept)
            {
                message.References.Add(id);
            }
        }

        message.Headers.Add(HeaderId.AutoSubmitted, "no");
        // Keeps Exchange from sending its out-of-office notices back, without suppressing the delivery reports we want.
        message.Headers.Add("X-Auto-Response-Suppress", "OOF, AutoReply");
        return message;
    }

    private static string Reason(SmtpCommandException e) => e.ErrorCode switch
    {
        SmtpErrorCode.RecipientNotAccepted => $"The mail server refused the recipient {e.Mailbox?.Address}: {e.Message}",
        SmtpErrorCode.SenderNotAccepted => $"The mail server refused our sender address: {e.Message}",
        SmtpErrorCode.MessageNotAccepted => $"The mail server refused the message: {e.Message}",
        _ => $"The mail server answered {(int)e.StatusCode}: {e.Message}",
    };
}
