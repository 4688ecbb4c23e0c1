using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Facebook.Inbound;

namespace CxInbox.Channels.Facebook;

public static class FacebookCapabilities
{
    /// <summary>
    /// Messenger (channels.md §2.6–2.7): <c>message.text</c> of at most 2,000 characters, and replies up to 7 days
    /// after the customer's last message: freely within the first 24 hours, then with the <c>HUMAN_AGENT</c> tag
    /// (<see cref="Outbound.MessagingWindowRule"/> picks which). After 7 days, or when the customer never wrote to
    /// the Page, Messenger takes nothing.
    /// </summary>
    public static ChannelCapabilities Messenger { get; } = new()
    {
        Channel = FacebookWebhook.Channel,
        MaxReplyLength = 2000,
        ReplyWindow = TimeSpan.FromDays(7),
    };
}
