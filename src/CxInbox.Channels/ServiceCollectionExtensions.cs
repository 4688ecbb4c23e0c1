using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Inbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Channels;

public static class ServiceCollectionExtensions
{
    /// <summary>The shared parts every channel adapter relies on; each adapter adds itself to the returned builder
    /// with its own Add…Channel.</summary>
    /// <param name="runsAdapters">True in a process that runs the channel workers (the ingress role): it gets the
    /// adapters, the webhook and sender registries and the bus publisher. Otherwise only the adapters'
    /// capabilities are registered.</param>
    public static ChannelsBuilder AddCxInboxChannels(this IServiceCollection services, bool runsAdapters)
    {
        services.AddSingleton<ChannelCapabilitiesCatalog>();
        if (runsAdapters)
        {
            services.AddSingleton<WebhookChannelRegistry>();
            services.AddSingleton<ReplySenderRegistry>();
            services.AddSingleton<IInboundPublisher, BusInboundPublisher>();
        }

        return new ChannelsBuilder(services, runsAdapters);
    }
}

public static class BusRegistrationExtensions
{
    public static IReadOnlyList<Type> ChannelConsumerTypes { get; } = [typeof(SendReplyConsumer)];

    /// <summary>The channel workers' consumers; the Host calls this inside AddMassTransit for the ingress role.</summary>
    /// <param name="storeRetry">How a consumer that writes to the store (here the reply ledger) retries; the Host
    /// passes the routing service's, as this project does not know the store.</param>
    public static void AddChannelConsumers(this IBusRegistrationConfigurator bus, Action<IRetryConfigurator> storeRetry)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<SendReplyConsumer>((_, consumer) => consumer.UseMessageRetry(storeRetry));
    }
}
