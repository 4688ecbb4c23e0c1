using CxInbox.Contracts;
using CxInbox.RoutingService.Assignment;
using MassTransit;

namespace CxInbox.RoutingService.Presence;

/// <summary>An agent coming online takes waiting conversations; an agent going offline gives theirs back to the
/// queue, where others take them. Nothing is left with someone who is not there.</summary>
public sealed class AgentPresenceChangedConsumer(AgentWorkHandback handback, QueueDrain queue) : IConsumer<AgentPresenceChanged>
{
    private const string WentOffline = "their agent went offline";

    public async Task Consume(ConsumeContext<AgentPresenceChanged> context)
    {
        var ct = context.CancellationToken;
        if (context.Message.Status == "offline")
        {
            await handback.HandBackAsync(context.Message.AgentId, WentOffline, awaySince: null, ct);
        }

        await queue.DrainAsync(context, ct);
    }
}
