using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.Routing.Presence;
using CxInbox.RoutingService.Assignment;
using MassTransit;
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
    ILogger<AwaySweeper> logger) : PeriodicSweep(clock)
{
    protected override TimeSpan Interval => options.CurrentValue.CheckInterval;

    protected override void LogSweepFailed(Exception exception) => LogAwaySweepFailed(logger, exception);

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var grace = options.CurrentValue.AwayGracePeriod;
        if (grace <= TimeSpan.Zero)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var requeued = 0;
        foreach (var agent in (await agents.AwayWithWorkAsync(cancellationToken)).Where(a => AwayGracePeriod.HandsBackWork(a, now, grace)))
        {
            var count = await handback.HandBackAsync(agent.Id, AwayGracePeriod.Reason(agent, grace), awaySince: now - grace, cancellationToken);
            LogHandedBack(logger, agent.Id, count, grace);
            requeued += count;
        }

        if (requeued > 0)
        {
            await queue.DrainAsync(bus, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent {AgentId} was away longer than {Grace}: {Count} conversations went back to the queue.")]
    private static partial void LogHandedBack(ILogger logger, Guid agentId, int count, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at away agents failed; trying again at the next interval.")]
    private static partial void LogAwaySweepFailed(ILogger logger, Exception exception);
}
