using CxInbox.Channels.Capabilities;

namespace CxInbox.Channels.Acme;

public static class AcmeCapabilities
{
    /// <summary>What Acme allows, from Acme's documentation. Every role of the Host reads it (the reply API refuses
    /// what Acme would refuse, with 422), so it holds no configuration; AcmeReplySender reads its limits from here.</summary>
    public static ChannelCapabilities Declared => throw new NotImplementedException(
        "AcmeCapabilities.Declared: return a static ChannelCapabilities with Channel = AcmeWebhook.Channel and Acme's "
        + "documented limits: MaxReplyLength (and ReplyLength if Acme counts otherwise than string.Length), ReplyWindow "
        + "if Acme takes replies only for a while after the customer wrote, Opt-out/OptInKeywords if Acme has them; "
        + "leave out what Acme does not limit.");
}
