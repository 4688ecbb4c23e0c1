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
    public static IServiceCollection AddTwilioChannel(this IServiceCollection services, IConfiguration configuration)
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
        return services;
    }
}
