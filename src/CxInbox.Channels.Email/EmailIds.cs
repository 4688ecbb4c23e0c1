using System.Globalization;
using System.Text.RegularExpressions;

namespace CxInbox.Channels.Email;

/// <summary>The marks our outbound mail carries so that answers and bounces find their way back: a Message-ID made
/// from the reply id (<c>cx.{reply id}@{mailbox domain}</c>) and a conversation tag in the subject
/// (<c>[#CX-1a2b3c4d]</c>, the last 8 hex digits of the conversation id).</summary>
public static partial class EmailIds
{
    public const int TokenLength = 8;

    public static string MessageIdFor(Guid replyId, string mailboxAddress)
    {
        ArgumentNullException.ThrowIfNull(mailboxAddress);
        var at = mailboxAddress.LastIndexOf('@');
        var domain = at >= 0 ? mailboxAddress[(at + 1)..] : "cxinbox.invalid";
        return string.Create(CultureInfo.InvariantCulture, $"cx.{replyId:D}@{domain}");
    }

    /// <summary>The reply id inside one of our Message-IDs; null for anyone else's.</summary>
    public static Guid? ReplyIdOf(string? messageId) =>
        messageId is not null && OurMessageId().Match(messageId) is { Success: true } m && Guid.TryParse(m.Groups[1].Value, out var id) ? id : null;

    /// <summary>Finds one of our Message-IDs anywhere in a text (a non-standard bounce quoting our headers).</summary>
    public static string? FindOurMessageId(string? text) =>
        text is not null && OurMessageId().Match(text) is { Success: true } m ? m.Value : null;

    public static string TokenFor(Guid conversationId) => conversationId.ToString("N")[^TokenLength..];

    public static string SubjectTag(Guid conversationId) => $"[#CX-{TokenFor(conversationId).ToUpperInvariant()}]";

    /// <summary>The token of a <c>[#CX-…]</c> tag in the subject, lower-case; null when there is none.</summary>
    public static string? TokenInSubject(string? subject) =>
        subject is not null && Tag().Match(subject) is { Success: true } m ? m.Groups[1].Value.ToLowerInvariant() : null;

    /// <summary>"Re: " + the customer's subject once, with our tag added if it is not there yet.</summary>
    public static string ReplySubject(string? originalSubject, Guid conversationId)
    {
        var subject = (originalSubject ?? "").Trim();
        if (subject.Length == 0)
        {
            subject = "Your message";
        }

        if (!ReplyPrefix().IsMatch(subject))
        {
            subject = "Re: " + subject;
        }

        return Tag().IsMatch(subject) ? subject : $"{subject} {SubjectTag(conversationId)}";
    }

    [GeneratedRegex(@"\bcx\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[A-Za-z0-9.-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OurMessageId();

    [GeneratedRegex(@"\[#CX-([0-9A-Fa-f]{4,32})\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^(re|aw|sv|antw|bls)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ReplyPrefix();
}
