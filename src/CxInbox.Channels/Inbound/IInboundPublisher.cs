using CxInbox.Contracts;

namespace CxInbox.Channels.Inbound;

/// <summary>
/// Hands verified customer messages to the bus. Returns only once the broker has confirmed them, so whoever calls
/// it (a webhook endpoint, a mailbox poller) may acknowledge the provider afterwards and never before.
/// </summary>
public interface IInboundPublisher
{
    Task PublishAsync(IReadOnlyList<InteractionReceived> messages, CancellationToken cancellationToken);
}
