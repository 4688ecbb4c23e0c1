using CxInbox.Channels.Inbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Channels;

public static class ServiceCollectionExtensions
{
    /// <summary>The shared parts every channel adapter relies on; each adapter adds itself with its own Add…Channel.</summary>
    public static IServiceCollection AddCxInboxChannels(this IServiceCollection services)
    {
        services.AddSingleton<WebhookChannelRegistry>();
        services.AddScoped<IInboundPublisher, BusInboundPublisher>();
        return services;
    }
}
