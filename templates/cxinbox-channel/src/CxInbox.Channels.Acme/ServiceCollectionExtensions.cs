using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CxInbox.Channels.Acme;

public static class ServiceCollectionExtensions
{
    /// <summary>Acme: the webhook at <c>/webhooks/CHANNEL_KEY</c> and the sender for the <c>CHANNEL_KEY</c>
    /// channel, configured from <c>Channels:Acme</c>. The Host's one registration line: every role learns
    /// <see cref="AcmeCapabilities"/>, only the ingress role gets the adapter.</summary>
    public static ChannelsBuilder AddAcmeChannel(this ChannelsBuilder channels, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.Add([AcmeCapabilities.Declared], services => AddAdapter(services, configuration));
    }

    private static void AddAdapter(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AcmeOptions>()
            .Bind(configuration.GetSection(AcmeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWebhookChannel, AcmeWebhook>();

        // The pipeline's per-attempt timeout is the only one; the sender is a singleton, so the handler recycles its
        // own connections to see DNS changes.
        services.AddHttpClient<AcmeReplySender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<IReplySender>(provider => provider.GetRequiredService<AcmeReplySender>());
    }
}
