namespace CxInbox.Channels.Twilio.Inbound;

/// <summary>
/// The keywords Twilio itself honours on long codes and toll-free numbers (shared/reference/channels.md §1.9): the
/// whole message, case-insensitive, surrounding whitespace and trailing punctuation ignored. "stop sending me ads"
/// is not a keyword. Twilio blocks the number on its side too; we keep our own flag so the agent sees why.
/// </summary>
public static class OptOutKeywords
{
    private static readonly HashSet<string> OptOut = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
    };

    private static readonly HashSet<string> OptIn = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };

    /// <summary>True for an opt-out keyword, false for an opt-in keyword, null for anything else (HELP included:
    /// Twilio answers it, and the agent sees the message like any other).</summary>
    public static bool? Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = text.Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
        return OptOut.Contains(word) ? true : OptIn.Contains(word) ? false : null;
    }
}
