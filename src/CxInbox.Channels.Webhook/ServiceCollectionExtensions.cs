using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhook.Inbound;
using CxInbox.Channels.Webhook.Outbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CxInbox.Channels.Webhook;

public static class ServiceCollectionExtensions
{
    /// <summary>The generic signed webhook: inbound at <c>/webhooks/generic</c> and the sender for the
    /// <c>webhook</c> channel, configured from <c>Channels:Webhook</c>. The Host's one registration line.</summary>
    public static ChannelsBuilder AddWebhookChannel(this ChannelsBuilder channels, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.Add([WebhookCapabilities.Generic], services => AddAdapter(services, configuration));
    }

    private static void AddAdapter(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWebhookChannel, GenericWebhook>();

        // The pipeline's per-attempt timeout is the only one; the sender is a singleton, so the handler recycles its
        // own connections to see DNS changes.
        services.AddHttpClient<GenericReplySender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<IReplySender>(provider => provider.GetRequiredService<GenericReplySender>());
    }
}
