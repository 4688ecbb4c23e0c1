using CxInbox.Channels.Twilio.Inbound;
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
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IWebhookChannel, TwilioSmsWebhook>();
        return services;
    }
}
