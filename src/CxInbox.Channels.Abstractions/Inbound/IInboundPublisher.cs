namespace CxInbox.Channels.Inbound;

/// <summary>
/// Hands what a channel received to the bus. Returns only once the broker has confirmed every message, so whoever
/// calls it (a webhook endpoint, a poller) may acknowledge the provider afterwards and never before.
/// </summary>
public interface IInboundPublisher
{
    Task PublishAsync(InboundBatch batch, CancellationToken cancellationToken);
}
