using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using MassTransit;
using Microsoft.Extensions.Hosting;
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
    ILogger<SlaMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Waiting first also lets the bus, which starts after this service, come up before the first publish.
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.CurrentValue.CheckInterval, clock, stoppingToken);
            try
            {
                await PublishBreachesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store or the broker is away; the marks rolled back, so the next round finds the same breaches.
                LogCheckFailed(logger, e);
            }
        }
    }

    private async Task PublishBreachesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
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
