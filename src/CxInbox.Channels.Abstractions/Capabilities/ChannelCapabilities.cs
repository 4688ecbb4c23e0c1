using System.Globalization;

namespace CxInbox.Channels.Capabilities;

/// <summary>
/// What a channel allows, declared by its adapter as a static value: the reply length it takes, how long after the
/// customer's last message a reply may still go out, and the keywords by which a customer opts out or back in. Every
/// role of the Host knows these, including an api-only process that runs no adapter: the reply API refuses what the
/// channel would refuse before the reply is queued. So a declaration holds no configuration and no secret, and the
/// adapter's own code reads its limits from it rather than keeping a second copy.
/// </summary>
public sealed record ChannelCapabilities
{
    private static readonly IReadOnlyList<string> NoKeywords = [];

    /// <summary>The channel key, e.g. <c>sms</c>: the sender's <c>Channel</c> and every <c>InteractionReceived.Channel</c>
    /// of this channel. Lower case.</summary>
    public required string Channel { get; init; }

    /// <summary>The longest reply the channel takes, as <see cref="ReplyLength"/> counts it. Default: null, no limit
    /// of the channel's own (the reply API's 10,000 characters still apply).</summary>
    public int? MaxReplyLength { get; init; }

    /// <summary>How the channel counts a reply's length against <see cref="MaxReplyLength"/>. Default: UTF-16 code
    /// units (<see cref="string.Length"/>), which is what most provider APIs count; X, for example, weighs links
    /// and emoji differently.</summary>
    public Func<string, int> ReplyLength { get; init; } = static text => text.Length;

    /// <summary>How long after the customer's last message a reply may still be sent; later, and when the customer
    /// never wrote, the channel refuses it. Default: null, replies at any time.</summary>
    public TimeSpan? ReplyWindow { get; init; }

    /// <summary>Messages by which a customer stops all messages from us on this channel (SMS's <c>STOP</c>), matched
    /// as <see cref="MatchConsentKeyword"/> describes. Default: none.</summary>
    public IReadOnlyList<string> OptOutKeywords { get; init; } = NoKeywords;

    /// <summary>Messages by which a customer who opted out opts back in (SMS's <c>START</c>). Default: none.</summary>
    public IReadOnlyList<string> OptInKeywords { get; init; } = NoKeywords;

    /// <summary>Why the channel would refuse <paramref name="text"/> as a reply now, or null when it would take it.</summary>
    /// <param name="text">The reply.</param>
    /// <param name="lastCustomerMessageAt">When the customer last wrote on the conversation, if ever.</param>
    /// <param name="now">The current time.</param>
    public ReplyRefusal? CheckReply(string text, DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (MaxReplyLength is { } max && ReplyLength(text) is var length && length > max)
        {
            return new ReplyRefusal(ReplyRefusal.TooLong,
                $"The reply counts {length} characters as the {Channel} channel counts them; it takes at most {max}. Shorten it, or send it in several replies.");
        }

        if (ReplyWindow is not { } window)
        {
            return null;
        }

        if (lastCustomerMessageAt is not { } last)
        {
            return new ReplyRefusal(ReplyRefusal.WindowClosed,
                $"The customer has not written on this {Channel} conversation, and the channel allows replies only within {Describe(window)} of the customer's last message.");
        }

        // A last message "in the future" is clock skew between the provider and us: the window is certainly open.
        return now - last < window
            ? null
            : new ReplyRefusal(ReplyRefusal.WindowClosed,
                $"The customer last wrote on {Format(last)}; the {Channel} channel allows replies only within {Describe(window)} of that (until {Format(last + window)}). A reply is possible again once the customer writes.");
    }

    /// <summary>True when <paramref name="text"/> is an opt-out keyword, false when it is an opt-in keyword, null
    /// otherwise. The whole message must be the keyword: case, surrounding whitespace and trailing punctuation are
    /// ignored, so "Stop." matches but "stop sending me ads" does not.</summary>
    public bool? MatchConsentKeyword(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = text.Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
        return OptOutKeywords.Contains(word, StringComparer.OrdinalIgnoreCase) ? true
            : OptInKeywords.Contains(word, StringComparer.OrdinalIgnoreCase) ? false
            : null;
    }

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0 ? Plural((long)window.TotalDays, "day")
        : window.Ticks % TimeSpan.TicksPerHour == 0 ? Plural((long)window.TotalHours, "hour")
        : Plural((long)Math.Ceiling(window.TotalMinutes), "minute");

    private static string Plural(long count, string unit) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
}

/// <summary>Why a channel would refuse a reply, written for the agent.</summary>
/// <param name="Code"><see cref="TooLong"/> or <see cref="WindowClosed"/>.</param>
/// <param name="Reason">What is wrong and what the agent can do.</param>
public sealed record ReplyRefusal(string Code, string Reason)
{
    /// <summary>The reply is longer than <see cref="ChannelCapabilities.MaxReplyLength"/>.</summary>
    public const string TooLong = "too_long";

    /// <summary>The customer's last message is older than <see cref="ChannelCapabilities.ReplyWindow"/>.</summary>
    public const string WindowClosed = "window_closed";
}
