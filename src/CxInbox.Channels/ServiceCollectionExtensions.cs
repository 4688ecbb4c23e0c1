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
    /// <param name="isTransientStoreFault">Which errors of the reply ledger's store pass with time: those are retried
    /// for about three minutes (a database restart), anything else goes to the _error queue.</param>
    public static void AddChannelConsumers(this IBusRegistrationConfigurator bus, Func<Exception, bool> isTransientStoreFault)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<SendReplyConsumer>((_, consumer) => consumer.UseMessageRetry(r =>
        {
            r.Handle<Exception>(e => isTransientStoreFault(e));
            r.Exponential(14, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        }));
    }
}
