using CxInbox.Contracts;
using CxInbox.RoutingService.Assignment;
using MassTransit;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// Routes a customer's message (in a batch where <see cref="InboundBatcher"/> takes it, else on its own) and then
/// publishes where its conversation stands. A redelivered or duplicate message stores nothing and publishes the
/// recorded outcome again, so the event cannot be lost between the commit and the publish.
/// </summary>
public sealed class InteractionReceivedConsumer(InboundBatcher batcher, InboundRouter oneByOne) : IConsumer<InteractionReceived>
{
    public async Task Consume(ConsumeContext<InteractionReceived> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var outcome = batcher.Takes(message) ? await batcher.RouteAsync(message, ct) : await oneByOne.RouteAsync(message, ct);
        if (outcome is not null)
        {
            await context.Publish(outcome.ToEvent(), ct);
        }
    }
}
