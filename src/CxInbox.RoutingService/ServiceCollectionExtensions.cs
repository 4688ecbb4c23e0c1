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
        services.AddOptions<ChannelWeightOptions>().Configure(o => configuration.GetSection(ChannelWeightOptions.SectionName).Bind(o.PerChannel))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationAssigner>();
        services.AddOptions<BatchingOptions>().Bind(configuration.GetSection(BatchingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboundRouter>();
        services.AddSingleton<InboundBatchRouter>();
        services.AddSingleton<InboundBatcher>();
        services.AddMetrics();
        services.AddSingleton<BatchingMetrics>();
        services.AddSingleton<QueueDrain>();
        services.AddOptions<ServiceLevelOptions>().Bind(configuration.GetSection(ServiceLevelOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<SlaMonitor>();
        services.AddHostedService<SnoozeAlarm>();
        services.AddHostedService<NoReplyReassigner>();
        services.AddOptions<PresenceOptions>().Bind(configuration.GetSection(PresenceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AgentWorkHandback>();
        services.AddHostedService<AwaySweeper>();
        return services;
    }

    /// <summary>The routing role's consumers, each with <see cref="StoreConsumerDefinition{TConsumer}"/>.</summary>
    public static IReadOnlyList<Type> RoutingConsumerTypes { get; } =
    [
        typeof(InteractionReceivedConsumer),
        typeof(AgentPresenceChangedConsumer),
        typeof(ConversationResolvedConsumer),
        typeof(DeliveryStatusReportedConsumer),
        typeof(ContactConsentChangedConsumer),
        typeof(AgentCapacityChangedConsumer),
        typeof(ConversationMovedConsumer),
    ];

    /// <summary>The routing role's consumers; the Host calls this inside AddMassTransit when the role runs.</summary>
    public static void AddRoutingConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        foreach (var consumer in RoutingConsumerTypes)
        {
            bus.AddConsumer(consumer, consumer == typeof(InteractionReceivedConsumer)
                ? typeof(InteractionReceivedConsumerDefinition)
                : typeof(StoreConsumerDefinition<>).MakeGenericType(consumer));
        }
    }
}
