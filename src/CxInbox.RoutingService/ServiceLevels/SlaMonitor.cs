using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.ServiceLevels;

/// <summary>
/// Looks for conversations whose customer has waited past the first-response target and publishes
/// <see cref="SlaBreached"/> for each. The events are published before the marks commit: a crash in between
/// publishes them again (at least once), never not at all.
/// </summary>
public sealed partial class SlaMonitor(
    Database database,
    ServiceLevelStore serviceLevels,
    IBus bus,
    IOptionsMonitor<ServiceLevelOptions> options,
    TimeProvider clock,
    ILogger<SlaMonitor> logger) : PeriodicSweep(clock)
{
    protected override TimeSpan Interval => options.CurrentValue.CheckInterval;

    // A failed round rolls its marks back, so the next round finds the same breaches.
    protected override void LogSweepFailed(Exception exception) => LogCheckFailed(logger, exception);

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        await using var tx = await database.BeginAsync(cancellationToken);
        var overdue = await serviceLevels.ClaimBreachesAsync(tx, now, cancellationToken);
        foreach (var conversation in overdue)
        {
            await bus.Publish(new SlaBreached
            {
                ConversationId = conversation.ConversationId,
                CustomerId = conversation.CustomerId,
                Channel = conversation.Channel,
                AgentId = conversation.AssigneeId,
                Team = conversation.Team,
                DueAt = conversation.DueAt,
                BreachedAt = now,
            }, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for first-response breaches failed; trying again at the next interval.")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
