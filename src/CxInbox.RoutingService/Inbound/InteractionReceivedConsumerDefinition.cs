using CxInbox.Data.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// With batching on (PostgreSQL), more customer messages in flight than the other consumers allow
/// (<see cref="BatchingOptions.MessagesInFlight"/>, read at start): a consumer whose message waits in
/// <see cref="InboundBatcher"/> costs nothing but memory, and the batches can only be as large as the messages in flight
/// while earlier batches run. Without it, each message holds a connection for its transaction, so the consumer takes as
/// many as the others.
/// </summary>
public sealed class InteractionReceivedConsumerDefinition : StoreConsumerDefinition<InteractionReceivedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<InteractionReceivedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var batching = context.GetRequiredService<IOptions<BatchingOptions>>().Value;
        if (batching.Enabled && context.GetRequiredService<Database>().Dialect == Dialect.Postgres)
        {
            endpointConfigurator.PrefetchCount = batching.MessagesInFlight;
            endpointConfigurator.ConcurrentMessageLimit = batching.MessagesInFlight;
            consumerConfigurator.ConcurrentMessageLimit = batching.MessagesInFlight;
        }

        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }
}
