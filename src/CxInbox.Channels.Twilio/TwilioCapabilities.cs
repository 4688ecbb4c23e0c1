using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Twilio.Inbound;

namespace CxInbox.Channels.Twilio;

public static class TwilioCapabilities
{
    /// <summary>
    /// SMS through Twilio: a body of at most 1,600 characters (Twilio's error 21617), no reply window, and the
    /// keywords Twilio itself honours on long codes and toll-free numbers (shared/reference/channels.md §1.9). Twilio
    /// blocks the number on its side too; we keep our own flag so the agent sees why. HELP is not among them: Twilio
    /// answers it, and the agent sees the message like any other. The segment limit (Channels:Twilio:MaxSegments)
    /// is configuration, so the sender checks it.
    /// </summary>
    public static ChannelCapabilities Sms { get; } = new()
    {
        Channel = TwilioSmsWebhook.Channel,
        MaxReplyLength = 1600,
        OptOutKeywords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"],
        OptInKeywords = ["START", "YES", "UNSTOP"],
    };
}
