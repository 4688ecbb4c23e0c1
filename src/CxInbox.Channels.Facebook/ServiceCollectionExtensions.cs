using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Facebook.Outbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CxInbox.Channels.Facebook;

public static class ServiceCollectionExtensions
{
    /// <summary>Messenger: the webhook at <c>/webhooks/facebook</c> and the sender for the <c>facebook</c> channel,
    /// configured from <c>Channels:Facebook</c>.</summary>
    public static ChannelsBuilder AddFacebookChannel(this ChannelsBuilder channels, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.Add([FacebookCapabilities.Messenger], services => AddAdapter(services, configuration));
    }

    private static void AddAdapter(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FacebookOptions>()
            .Bind(configuration.GetSection(FacebookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWebhookChannel, FacebookWebhook>();

        // The sender is a singleton (one resilience pipeline, so its circuit breaker sees every call) and keeps its
        // HttpClient for good: the handler is never rotated, so the connection lifetime is what picks up DNS changes.
        // The pipeline's per-attempt timeout is the only one: HttpClient's own 100 s would surface as an exception.
        services.AddHttpClient<FacebookReplySender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["Authorization"]);
        services.AddSingleton<IReplySender>(provider => provider.GetRequiredService<FacebookReplySender>());
    }
}
