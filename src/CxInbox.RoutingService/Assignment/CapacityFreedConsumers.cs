using CxInbox.Contracts;
using MassTransit;

namespace CxInbox.RoutingService.Assignment;

/// <summary>A supervisor raised an agent's capacity: give them whoever waits.</summary>
public sealed class AgentCapacityChangedConsumer(QueueDrain queue) : IConsumer<AgentCapacityChanged>
{
    public Task Consume(ConsumeContext<AgentCapacityChanged> context) => queue.DrainAsync(context, context.CancellationToken);
}

/// <summary>A supervisor's move freed the previous agent's slot, or put the conversation in a team's queue where
/// someone may have room: give it to whoever waits.</summary>
public sealed class ConversationMovedConsumer(QueueDrain queue) : IConsumer<ConversationMoved>
{
    public Task Consume(ConsumeContext<ConversationMoved> context) => queue.DrainAsync(context, context.CancellationToken);
}
