using CxInbox.Channels.Capabilities;
using CxInbox.Channels.X.Outbound;

namespace CxInbox.Channels.X;

public static class XCapabilities
{
    /// <summary>Public replies: a post of at most 280 characters as X counts them (<see cref="XPostLength"/>:
    /// links weigh 23, emoji and most non-Latin characters 2). No window: a post can be answered while it exists.</summary>
    public static ChannelCapabilities Posts { get; } = new()
    {
        Channel = XChannels.Posts,
        MaxReplyLength = 280,
        ReplyLength = XPostLength.Weighted,
    };

    /// <summary>DMs: ⚠ the long-standing limit of 10,000 characters; the v2 docs no longer restate it (channels.md
    /// §3.6). Whether the customer accepts DMs is their setting, which X reports when it refuses one.</summary>
    public static ChannelCapabilities DirectMessages { get; } = new()
    {
        Channel = XChannels.DirectMessages,
        MaxReplyLength = 10_000,
    };
}
