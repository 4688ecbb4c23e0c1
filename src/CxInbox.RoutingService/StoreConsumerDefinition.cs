using MassTransit;

namespace CxInbox.RoutingService;

/// <summary>Retries for consumers that write to the store (lock timeouts, serialization failures, a lost race on a
/// unique index), then the in-memory outbox so nothing is published unless the consumer finished. After the retries
/// the message goes to the _error queue, never silently away.</summary>
public class StoreConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100)));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
