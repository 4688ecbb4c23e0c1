using CxInbox.Data.Agents;
using CxInbox.Routing.Presence;
using CxInbox.RoutingService.Assignment;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Presence;

/// <summary>Every <c>Routing:Presence:CheckInterval</c>, hands the conversations of agents who set themselves away
/// longer than <c>Routing:Presence:AwayGracePeriod</c> back to the queue (<see cref="AwayGracePeriod"/>), then
/// drains it. With several routers each may look; the re-check under the row locks lets one of them do it.</summary>
public sealed partial class AwaySweeper(
    AgentStore agents,
    AgentWorkHandback handback,
    QueueDrain queue,
    IBus bus,
    IOptionsMonitor<PresenceOptions> options,
    TimeProvider clock,
    ILogger<AwaySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.CurrentValue.CheckInterval, clock, stoppingToken);
            var grace = options.CurrentValue.AwayGracePeriod;
            if (grace <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await SweepAsync(grace, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    private async Task SweepAsync(TimeSpan grace, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var requeued = 0;
        foreach (var agent in (await agents.AwayWithWorkAsync(ct)).Where(a => AwayGracePeriod.HandsBackWork(a, now, grace)))
        {
            var count = await handback.HandBackAsync(agent.Id, AwayGracePeriod.Reason(agent, grace), awaySince: now - grace, ct);
            LogHandedBack(logger, agent.Id, count, grace);
            requeued += count;
        }

        if (requeued > 0)
        {
            await queue.DrainAsync(bus, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} was away longer than {Grace}: {Count} conversations went back to the queue.")]
    private static partial void LogHandedBack(ILogger logger, Guid agentId, int count, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at away agents failed; trying again at the next interval.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
