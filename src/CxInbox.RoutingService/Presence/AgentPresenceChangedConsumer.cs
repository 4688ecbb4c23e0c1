using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.RoutingService.Assignment;
using MassTransit;

namespace CxInbox.RoutingService.Presence;

/// <summary>An agent coming online takes waiting conversations; an agent going offline gives theirs back to the
/// queue, where others take them. Nothing is left with someone who is not there.</summary>
public sealed class AgentPresenceChangedConsumer(ConversationStore conversations, QueueDrain queue, TimeProvider clock)
    : IConsumer<AgentPresenceChanged>
{
    public async Task Consume(ConsumeContext<AgentPresenceChanged> context)
    {
        var change = context.Message;
        if (change.Status == "offline")
        {
            await conversations.UnassignAllAsync(change.AgentId, "their agent went offline", clock.GetUtcNow(), context.CancellationToken);
        }

        await queue.DrainAsync(context, context.CancellationToken);
    }
}
