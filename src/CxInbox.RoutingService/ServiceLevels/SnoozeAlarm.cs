using CxInbox.Data.Conversations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.ServiceLevels;

/// <summary>Brings snoozed conversations back to their agent's working view when their time comes, as often as
/// breaches are looked for (<c>Routing:Sla:CheckInterval</c>).</summary>
public sealed partial class SnoozeAlarm(
    ConversationStore conversations,
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
                await conversations.WakeDueAsync(clock.GetUtcNow(), stoppingToken);
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
