using CxInbox.Contracts;
using MassTransit;

namespace CxInbox.RoutingService.Assignment;

/// <summary>A resolved conversation freed a slot: give it to whoever waits.</summary>
public sealed class ConversationResolvedConsumer(QueueDrain queue) : IConsumer<ConversationResolved>
{
    public Task Consume(ConsumeContext<ConversationResolved> context) => queue.DrainAsync(context, context.CancellationToken);
}
