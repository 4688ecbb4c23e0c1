using MassTransit;

namespace CxInbox.Channels.Inbound;

// MassTransit 8 over RabbitMQ waits for the publisher confirm before Publish completes, so a completed task means
// the broker has the message (queues are durable).
public sealed class BusInboundPublisher(IBus bus) : IInboundPublisher
{
    public async Task PublishAsync(InboundBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch = StorableText.Of(batch);
        foreach (var consent in batch.ConsentChanges)
        {
            await bus.Publish(consent, cancellationToken);
        }

        foreach (var message in batch.Messages)
        {
            await bus.Publish(message, cancellationToken);
        }

        foreach (var status in batch.Statuses)
        {
            await bus.Publish(status, cancellationToken);
        }
    }
}
