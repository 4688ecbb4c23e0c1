using CxInbox.Api;
using CxInbox.Api.Auth;
using CxInbox.Api.Proxies;
using CxInbox.Channels;
using CxInbox.Channels.Email;
using CxInbox.Channels.Email.Inbound;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Webhook;
using CxInbox.Channels.X;
using CxInbox.Data;
using CxInbox.Classification;
using CxInbox.Host.Bus;
using CxInbox.Host.Classification;
using CxInbox.Host.Health;
using CxInbox.Host.Roles;
using CxInbox.Host.Outbound;
using CxInbox.Host.Seeding;
using CxInbox.Host.Startup;
using CxInbox.Host.Web;
using CxInbox.Channels.Outbound;
using CxInbox.RoutingService;
using CxInbox.Web;

namespace CxInbox.Host;

/// <summary>What each role adds to the process. Program.cs only parses the roles and calls these two methods.</summary>
public static class CxInboxHost
{
    public static IServiceCollection AddCxInbox(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        services.AddSingleton(new RunningRoles(roles));
        services.AddSingleton(TimeProvider.System);

        // The store first: its migrations are a hosted service that must finish before the bus starts consuming and
        // before data protection's hosted service reads the cookie keys from the store.
        // Every role uses it: ingress records the replies its channel workers send.
        services.AddCxInboxData(configuration);
        services.AddCxInboxHttp(configuration);
        services.AddHostedService<DemoAgentSeeder>();

        if (roles.HasFlag(HostRoles.Ingress))
        {
            services.AddSingleton<IReplyLedger, StoreReplyLedger>();
            services.AddOptions<ReplyRecoveryOptions>().Bind(configuration.GetSection(ReplyRecoveryOptions.SectionName))
                .ValidateDataAnnotations().ValidateOnStart();
            services.AddHostedService<StalledReplySweeper>();
            services.AddSingleton<IMailboxCheckpoints, StoreMailboxCheckpoints>();
        }

        // One line per channel. Every role learns the channels' capabilities (the api role checks replies against
        // them); only the ingress role runs the adapters, with their options.
        var channels = services.AddCxInboxChannels(runsAdapters: roles.HasFlag(HostRoles.Ingress));
        channels.AddTwilioChannel(configuration);
        channels.AddFacebookChannel(configuration);
        channels.AddXChannel(configuration);
        channels.AddEmailChannel(configuration);
        channels.AddWebhookChannel(configuration);

        services.AddOptions<ClassificationOptions>().Bind(configuration.GetSection(ClassificationOptions.SectionName));
        services.AddSingleton<IClassifierSource, LexiconFileClassifierSource>();

        if (roles.HasFlag(HostRoles.Routing))
        {
            services.AddRoutingService(configuration);
        }

        if (roles.HasFlag(HostRoles.Api))
        {
            services.AddCxInboxWeb(WebHubMembers.Describe);
        }

        services.AddCxInboxBus(configuration, roles);
        services.AddCxInboxGracefulShutdown(configuration);
        return services;
    }

    public static WebApplication MapCxInbox(this WebApplication app, HostRoles roles)
    {
        // Load the lexicon now: an invalid file must stop the start, not the first message.
        _ = app.Services.GetRequiredService<IClassifierSource>().Current;
        app.UseCxInboxForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapCxInboxHealth();
        if (roles.HasFlag(HostRoles.Ingress))
        {
            app.MapIngressEndpoints();
        }

        if (roles.HasFlag(HostRoles.Api))
        {
            app.MapApiEndpoints();
            app.MapCxInboxWeb(Policies.Staff);
        }

        return app;
    }
}
