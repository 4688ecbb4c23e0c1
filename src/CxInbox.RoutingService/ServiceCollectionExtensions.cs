using CxInbox.RoutingService.Assignment;
using CxInbox.RoutingService.Consent;
using CxInbox.RoutingService.Delivery;
using CxInbox.RoutingService.Inbound;
using CxInbox.RoutingService.Presence;
using CxInbox.RoutingService.ServiceLevels;
using CxInbox.RoutingService.Threading;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.RoutingService;

public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddRoutingService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ThreadingOptions>().Bind(configuration.GetSection(ThreadingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationAssigner>();
        services.AddSingleton<QueueDrain>();
        services.AddOptions<ServiceLevelOptions>().Bind(configuration.GetSection(ServiceLevelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<SlaMonitor>();
        return services;
    }

    /// <summary>The routing role's consumers; the Host calls this inside AddMassTransit when the role runs.</summary>
    public static void AddRoutingConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<InteractionReceivedConsumer, StoreConsumerDefinition<InteractionReceivedConsumer>>();
        bus.AddConsumer<AgentPresenceChangedConsumer, StoreConsumerDefinition<AgentPresenceChangedConsumer>>();
        bus.AddConsumer<ConversationResolvedConsumer, StoreConsumerDefinition<ConversationResolvedConsumer>>();
        bus.AddConsumer<DeliveryStatusReportedConsumer, StoreConsumerDefinition<DeliveryStatusReportedConsumer>>();
        bus.AddConsumer<ContactConsentChangedConsumer, StoreConsumerDefinition<ContactConsentChangedConsumer>>();
    }
}
