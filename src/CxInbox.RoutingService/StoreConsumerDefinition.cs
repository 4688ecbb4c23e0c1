using MassTransit;

namespace CxInbox.RoutingService;

/// <summary>
/// Consumers that write to the store: <see cref="StoreRetry"/>, then the in-memory outbox so nothing is published
/// unless the consumer finished.
/// </summary>
public class StoreConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(StoreRetry.Configure);
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
