using MimeKit;

namespace CxInbox.Channels.Email.Parsing;

/// <summary>Recognises mail no person wrote (RFC 3834 and the vendors' markers, channels.md §4.6), so that it is
/// never answered and never opens a conversation.</summary>
public static class AutomatedMail
{
    public const string AutoReply = "auto-reply";
    public const string Bulk = "bulk";
    public const string DeliveryStatus = "delivery-status";
    public const string ReadReceipt = "read-receipt";

    private static readonly string[] AutoReplyHeaders =
        ["X-Autoreply", "X-Autorespond", "X-Autoreply-From", "X-Mail-Autoreply", "X-MS-Exchange-Generated-Message-Source", "X-MS-Exchange-Inbox-Rules-Loop"];

    private static readonly string[] ListHeaders = ["List-Id", "List-Unsubscribe", "List-Post", "Feedback-ID"];

    /// <summary>Null for a person's mail; otherwise one of the kinds above.</summary>
    public static string? Classify(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        if (message.Body is MultipartReport { ReportType: { } reportType })
        {
            if (reportType.Equals("delivery-status", StringComparison.OrdinalIgnoreCase)
                || reportType.Equals("global-delivery-status", StringComparison.OrdinalIgnoreCase))
            {
                return DeliveryStatus;
            }

            if (reportType.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase))
            {
                return ReadReceipt;
            }
        }

        if (headers.Contains("X-Failed-Recipients") || IsDaemon(message))
        {
            return DeliveryStatus;
        }

        if (headers[HeaderId.AutoSubmitted] is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return AutoReply;
        }

        if (AutoReplyHeaders.Any(headers.Contains))
        {
            return AutoReply;
        }

        var precedence = headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence == "auto_reply")
        {
            return AutoReply;
        }

        if (precedence is "bulk" or "junk" or "list" || ListHeaders.Any(headers.Contains))
        {
            return Bulk;
        }

        // A null envelope sender (Return-Path: <>) is how bounces and other notifications are sent (RFC 5321 §4.5.5).
        if (headers[HeaderId.ReturnPath] is { } returnPath && returnPath.Trim() == "<>")
        {
            return AutoReply;
        }

        var local = LocalPart(message);
        return local is not null && (local is "noreply" or "no-reply" or "donotreply" or "do-not-reply" || local.EndsWith("-noreply", StringComparison.Ordinal))
            ? Bulk
            : null;
    }

    private static bool IsDaemon(MimeMessage message) => LocalPart(message) is "mailer-daemon" or "postmaster";

    private static string? LocalPart(MimeMessage message)
    {
        var address = message.From.Mailboxes.FirstOrDefault()?.Address;
        var at = address?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at > 0 ? address![..at].ToLowerInvariant() : null;
    }
}
