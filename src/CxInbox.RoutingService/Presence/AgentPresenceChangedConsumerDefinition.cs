using MassTransit;

namespace CxInbox.RoutingService.Presence;

public sealed class AgentPresenceChangedConsumerDefinition : ConsumerDefinition<AgentPresenceChangedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AgentPresenceChangedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100)));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
