using MimeKit;

namespace CxInbox.Channels.Email.Parsing;

/// <summary>Reads a bounce (RFC 3464 <c>multipart/report</c>, or a non-standard one that quotes our headers) and finds
/// which of our messages it is about, channels.md §4.7.</summary>
public static class DeliveryReports
{
    public static Bounce? Read(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string? action = null, status = null, recipient = null, diagnostic = null, original = null;
        foreach (var part in message.BodyParts.Concat(message.Body is null ? [] : [message.Body]))
        {
            switch (part)
            {
                case MessageDeliveryStatus dsn:
                    // Group 0 is about the message; each further group is one recipient (RFC 3464 §2.1).
                    foreach (var group in dsn.StatusGroups.Skip(1))
                    {
                        var groupAction = group["Action"]?.Trim();
                        if (action is null || groupAction?.Equals("failed", StringComparison.OrdinalIgnoreCase) == true)
                        {
                            action = groupAction;
                            status = group["Status"]?.Trim();
                            recipient = StripType(group["Final-Recipient"] ?? group["Original-Recipient"]);
                            diagnostic = StripType(group["Diagnostic-Code"]);
                        }
                    }

                    break;

                case MessagePart { Message: { } quoted }:
                    original ??= quoted.MessageId ?? EmailIds.FindOurMessageId(quoted.Headers[HeaderId.MessageId]);
                    break;
            }
        }

        original ??= Candidates(message).Select(EmailIds.FindOurMessageId).FirstOrDefault(id => id is not null);
        if (original is null)
        {
            return null;
        }

        return new Bounce(original.Trim('<', '>'), action ?? "failed", status, recipient, diagnostic);
    }

    // Old Exchange, qmail and Exim bounces quote the original in the text, and some servers set In-Reply-To.
    private static IEnumerable<string?> Candidates(MimeMessage message)
    {
        yield return message.InReplyTo;
        foreach (var reference in message.References)
        {
            yield return reference;
        }

        foreach (var text in message.BodyParts.OfType<TextPart>())
        {
            yield return text.Text;
        }
    }

    // "rfc822; someone@example.com", "smtp; 550 5.1.1 …": the part after the type is what a person reads.
    private static string? StripType(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? value[(semicolon + 1)..] : value).Trim();
    }
}
