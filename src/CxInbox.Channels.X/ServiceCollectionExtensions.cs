using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X.Inbound;
using CxInbox.Channels.X.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CxInbox.Channels.X;

public static class ServiceCollectionExtensions
{
    /// <summary>X: the webhook at <c>/webhooks/x</c> and the senders for <c>x-dm</c> and <c>x</c> threads, configured
    /// from <c>Channels:X</c>.</summary>
    public static ChannelsBuilder AddXChannel(this ChannelsBuilder channels, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.Add([XCapabilities.DirectMessages, XCapabilities.Posts], services => AddAdapter(services, configuration));
    }

    private static void AddAdapter(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<XOptions>()
            .Bind(configuration.GetSection(XOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWebhookChannel, XWebhook>();
        services.AddSingleton<XSendPipelines>();
        AddSender<XDirectMessageSender>(services);
        AddSender<XPostReplySender>(services);
    }

    private static void AddSender<TSender>(IServiceCollection services)
        where TSender : class, IReplySender
    {
        services.AddHttpClient<TSender>(client =>
            {
                // The pipeline's per-attempt timeout is the only one (Channels:X:Resilience:AttemptTimeout).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // ReplySenderRegistry is a singleton and keeps the sender, and with it this client, for the life of the
            // process: let the handler recycle connections itself so DNS changes at X are still seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddTransient<IReplySender>(provider => provider.GetRequiredService<TSender>());
    }
}
