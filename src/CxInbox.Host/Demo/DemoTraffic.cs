using CxInbox.Host.Roles;
using CxInbox.Simulation.Sending;
using CxInbox.Simulation.Traffic;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CxInbox.Host.Demo;

/// <summary>
/// <c>--demo</c>: once the Host listens, the traffic simulator writes to it as customers would, through its own
/// webhooks and signatures, so what a newcomer sees is the real path (verify, bus, router, store), not seeded rows.
/// </summary>
internal sealed class DemoTraffic(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration, IOptions<DemoOptions> options,
    RunningRoles running, TimeProvider clock, ILogger<DemoTraffic> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!running.Roles.HasFlag(HostRoles.Ingress))
        {
            logger.LogError("--demo sends webhooks to this process, which does not run the ingress role ({Roles}): no demo traffic", running.Roles.Describe());
            return;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(Loopback(address), UriKind.Absolute, out var target))
        {
            logger.LogError("--demo found no HTTP address this Host listens on (Urls); no demo traffic");
            return;
        }

        var settings = SimulatorSettings.From(configuration, target);
        var skipped = SimulatedChannels.All.Where(c => settings.Missing(c) is not null).ToDictionary(c => c, c => settings.Missing(c)!);
        foreach (var (channel, reason) in skipped)
        {
            logger.LogInformation("Demo traffic: {Channel} skipped: {Reason}", channel.ToName(), reason);
        }

        var demo = options.Value;
        var plan = new TrafficPlan
        {
            Channels = SimulatedChannels.All.Where(c => !skipped.ContainsKey(c)).ToList(),
            Customers = demo.Customers,
            Rate = demo.Rate,
            Duration = demo.Duration,
            Seed = Random.Shared.Next(0, int.MaxValue),
        };
        logger.LogWarning("Demo traffic: simulated customers write to {Target} on {Channels}, {Rate} messages a second, signed with the demo secrets of any channel not configured. Not for production.",
            target, string.Join(", ", plan.Channels.Select(c => c.ToName())), plan.Rate);

        using var http = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        await using var sender = new TrafficSender(http, settings, clock, logger);
        var report = await sender.RunAsync(TrafficGenerator.Generate(plan), skipped, stoppingToken);
        logger.LogInformation("Demo traffic ended: {Sent} sent, {Accepted} accepted, {Refused} refused, {Failed} failed",
            report.Sent, report.Accepted, report.Refused, report.Failed);
    }

    // Kestrel reports a wildcard binding (http://+:8080, http://0.0.0.0:8080) as it was configured: call it on loopback.
    private static string Loopback(string address) =>
        address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
}
