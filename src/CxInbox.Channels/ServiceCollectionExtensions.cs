using CxInbox.Channels.Inbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using MassTransit;
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
