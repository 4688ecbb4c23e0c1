using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.ServiceLevels;

/// <summary>Brings snoozed conversations back to their agent's working view when their time comes, as often as
/// breaches are looked for (<c>Routing:Sla:CheckInterval</c>), and says so on the bus. The wake commits first: a
/// publish that fails then loses only the live push, and browsers re-read the store on their next event.</summary>
public sealed partial class SnoozeAlarm(
    ConversationStore conversations,
    IBus bus,
    IOptionsMonitor<ServiceLevelOptions> options,
    TimeProvider clock,
    ILogger<SnoozeAlarm> logger) : PeriodicSweep(clock)
{
    protected override TimeSpan Interval => options.CurrentValue.CheckInterval;

    protected override void LogSweepFailed(Exception exception) => LogWakeFailed(logger, exception);

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var woken in await conversations.WakeDueAsync(now, cancellationToken))
        {
            await bus.Publish(new ConversationStatusChanged
            {
                ConversationId = woken.ConversationId, AgentId = woken.AgentId, Status = "open", ChangedAt = now,
            }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking snoozed conversations failed; trying again at the next interval.")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
