using System.Globalization;
using CxInbox.Channels.Email.Parsing;
using CxInbox.Channels.Inbound;
using CxInbox.Contracts;

namespace CxInbox.Channels.Email.Inbound;

/// <summary>What one read mail becomes on the bus.</summary>
public static class EmailInbound
{
    public const string Channel = "email";

    /// <param name="mailbox">Our mailbox address, lower-case: the channel account.</param>
    /// <param name="messageUrl">The IMAP URL of the mail (RFC 5092) its attachments are parts of.</param>
    public static InboundBatch ToBatch(ParsedEmail mail, string mailbox, string messageUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (EmailIds.ReplyIdOf(mail.MessageId) is not null)
        {
            // Our own reply coming back (a copy to the mailbox, a Bcc): never a customer message.
            return new InboundBatch();
        }

        var statuses = new List<DeliveryStatusReported>();
        if (mail.Bounce is { Failed: true } bounce)
        {
            statuses.Add(new DeliveryStatusReported
            {
                Channel = Channel,
                ProviderMessageId = bounce.OriginalMessageId,
                ReplyId = EmailIds.ReplyIdOf(bounce.OriginalMessageId),
                Status = "undelivered",
                ErrorCode = bounce.Status,
                ErrorReason = string.Create(CultureInfo.InvariantCulture,
                    $"The mail server could not deliver this reply{(bounce.Recipient is null ? "" : $" to {bounce.Recipient}")}: {bounce.Diagnostic ?? bounce.Status ?? "no reason given"}."),
                ReportedAt = now,
            });
        }

        var message = new InteractionReceived
        {
            InteractionId = Guid.CreateVersion7(now),
            Channel = Channel,
            ChannelAccount = mailbox,
            ProviderMessageId = mail.MessageId,
            CustomerAddress = mail.FromAddress,
            CustomerName = mail.FromName,
            Text = mail.Text,
            FullText = mail.FullText,
            ReceivedAt = mail.Date,
            Subject = mail.Subject,
            InReplyTo = mail.InReplyTo,
            References = mail.References,
            ConversationToken = mail.ConversationToken,
            Automated = mail.Automated,
            Attachments = [.. mail.Attachments.Where(a => !a.OverLimit).Select(a => new AttachmentRef
            {
                Url = $"{messageUrl}/;SECTION={a.PartSpecifier}",
                ContentType = a.ContentType,
                FileName = a.FileName,
                Size = a.Size,
            })],
        };
        return new InboundBatch { Messages = [message], Statuses = statuses };
    }
}
