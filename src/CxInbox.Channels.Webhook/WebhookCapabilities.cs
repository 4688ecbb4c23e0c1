using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Webhook.Inbound;

namespace CxInbox.Channels.Webhook;

public static class WebhookCapabilities
{
    /// <summary>The generic webhook: the receiving system is the integrator's own, so the channel sets no length
    /// limit (the reply API's ceiling applies) and no reply window.</summary>
    public static ChannelCapabilities Generic { get; } = new() { Channel = GenericWebhook.Channel };
}
