using MassTransit;

namespace CxInbox.RoutingService.Inbound;

public sealed class InteractionReceivedConsumerDefinition : ConsumerDefinition<InteractionReceivedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<InteractionReceivedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Retries cover lock timeouts, serialization failures and the rare lost race on a unique index; after
        // them the message goes to the _error queue, never silently away.
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100)));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
