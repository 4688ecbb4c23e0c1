using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using MassTransit;
using Microsoft.Extensions.Hosting;
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
    ILogger<SnoozeAlarm> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.CurrentValue.CheckInterval, clock, stoppingToken);
            try
            {
                var now = clock.GetUtcNow();
                foreach (var woken in await conversations.WakeDueAsync(now, stoppingToken))
                {
                    await bus.Publish(new ConversationStatusChanged
                    {
                        ConversationId = woken.ConversationId, AgentId = woken.AgentId, Status = "open", ChangedAt = now,
                    }, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWakeFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking snoozed conversations failed; trying again at the next interval.")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
