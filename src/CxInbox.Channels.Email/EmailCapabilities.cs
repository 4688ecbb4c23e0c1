using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Email.Inbound;

namespace CxInbox.Channels.Email;

public static class EmailCapabilities
{
    /// <summary>E-mail: no length limit of its own (the reply API's ceiling applies) and no reply window.</summary>
    public static ChannelCapabilities Email { get; } = new() { Channel = EmailInbound.Channel };
}
