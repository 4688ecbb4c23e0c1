using CxInbox.Channels.Outbound;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Twilio.Outbound;
using CxInbox.Channels.Twilio.Reconciliation;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Channels.Twilio;

public static class ServiceCollectionExtensions
{
    /// <summary>SMS through Twilio: the webhooks at <c>/webhooks/twilio/sms</c> and <c>/webhooks/twilio/status</c>,
    /// the sender for the <c>sms</c> channel and the reconciler, configured from <c>Channels:Twilio</c>.</summary>
    public static ChannelsBuilder AddTwilioChannel(this ChannelsBuilder channels, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return channels.Add([TwilioCapabilities.Sms], services => AddAdapter(services, configuration));
    }

    private static void AddAdapter(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.SectionName))
            .PostConfigure(o => o.StatusCallbackBaseUrl ??= configuration["CxInbox:PublicBaseUrl"] is { Length: > 0 } publicUrl ? publicUrl : null)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TwilioRequestVerifier>();
        services.AddSingleton<IWebhookChannel, TwilioSmsWebhook>();
        services.AddSingleton<IWebhookChannel, TwilioStatusWebhook>();
        // Retries, timeouts and the circuit breaker are TwilioReplySender's own pipeline (ProviderResilience).
        services.AddHttpClient(TwilioOptions.HttpClientName);
        services.AddSingleton<IReplySender, TwilioReplySender>();
        services.AddSingleton<TwilioReconciler>();
        services.AddHostedService<TwilioReconciliationService>();
    }
}
