using CxInbox.Channels.Inbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Channels;

public static class ServiceCollectionExtensions
{
    /// <summary>The shared parts every channel adapter relies on; each adapter adds itself with its own Add…Channel.</summary>
    public static IServiceCollection AddCxInboxChannels(this IServiceCollection services)
    {
        services.AddSingleton<WebhookChannelRegistry>();
        services.AddSingleton<ReplySenderRegistry>();
        services.AddSingleton<IInboundPublisher, BusInboundPublisher>();
        return services;
    }
}

public static class BusRegistrationExtensions
{
    /// <summary>The channel workers' consumers; the Host calls this inside AddMassTransit for the ingress role.</summary>
    public static void AddChannelConsumers(this MassTransit.IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<SendReplyConsumer>();
    }
}
