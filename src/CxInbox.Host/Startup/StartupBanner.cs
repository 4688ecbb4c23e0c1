using CxInbox.Data.Storage;
using CxInbox.Host.Bus;
using CxInbox.Host.Roles;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CxInbox.Host.Startup;

/// <summary>Tells whoever started the Host where to look, once it listens.</summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, RunningRoles running,
    IServiceProvider services, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault() ?? "(no HTTP address)";
            var store = services.GetService<Database>()?.Description ?? "none (this role needs no store)";
            logger.LogInformation(
                """
                CxInbox is running.
                  Roles:        {Roles}
                  Listening on: {Addresses}
                  Store:        {Store}
                  Bus:          {Bus}
                  Try:          curl -H "Authorization: Bearer $CXINBOX_ADMIN_KEY" {Address}/api/conversations
                  Health:       {Address}/health/ready
                  Twilio SMS webhook: {Address}/webhooks/twilio/sms (see README: "Send a signed test SMS")
                """,
                running.Roles.Describe(), string.Join(", ", addresses), store, BusConfiguration.Describe(configuration), address, address, address);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
