using CxInbox.Contracts;
using MassTransit;

namespace CxInbox.Channels.Inbound;

// MassTransit 8 over RabbitMQ waits for the publisher confirm before Publish completes, so a completed task means
// the broker has the message on disk (queues are durable).
public sealed class BusInboundPublisher(IPublishEndpoint bus) : IInboundPublisher
{
    public async Task PublishAsync(IReadOnlyList<InteractionReceived> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await bus.Publish(message, cancellationToken);
        }
    }
}
