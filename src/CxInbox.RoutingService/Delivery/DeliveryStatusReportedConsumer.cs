using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Routing.Delivery;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CxInbox.RoutingService.Delivery;

/// <summary>Moves an agent's reply forward to the delivery state a provider reported; never backwards, so late and
/// repeated reports are harmless.</summary>
public sealed class DeliveryStatusReportedConsumer(ReplyStore replies, TimeProvider clock, ILogger<DeliveryStatusReportedConsumer> logger)
    : IConsumer<DeliveryStatusReported>
{
    public async Task Consume(ConsumeContext<DeliveryStatusReported> context)
    {
        var report = context.Message;
        if (!DeliveryProgress.IsKnown(report.Status))
        {
            logger.LogWarning("Ignoring delivery status {Status} for {Channel} message {ProviderMessageId}: not a known state",
                report.Status, report.Channel, report.ProviderMessageId);
            return;
        }

        await replies.ApplyStatusAsync(report.Channel, report.ProviderMessageId, report.ReplyId, report.Status,
            report.ErrorCode, report.ErrorReason, clock.GetUtcNow(), context.CancellationToken);
    }
}
