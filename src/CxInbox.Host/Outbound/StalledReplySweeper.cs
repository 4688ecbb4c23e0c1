using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Delivery;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CxInbox.Host.Outbound;

/// <summary>
/// Settles replies stuck between the API and the provider, every <c>CxInbox:Replies:CheckInterval</c>. A reply still
/// pending after <c>RepublishAfter</c> has its command published again: the API stores a reply before it publishes,
/// and may stop in between. A reply sending for longer than <c>SendLease</c> lost its worker mid-send and is failed as
/// interrupted, as the provider may or may not have it. Republishing is safe: the ledger sends a reply only from
/// pending, and a copy that finds it sending leaves it alone. With several ingress processes, each claim is one
/// conditional update, so one of them takes each reply.
/// </summary>
internal sealed partial class StalledReplySweeper(
    ReplyStore replies,
    IBus bus,
    IOptionsMonitor<ReplyRecoveryOptions> options,
    TimeProvider clock,
    ILogger<StalledReplySweeper> logger) : PeriodicSweep(clock)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => options.CurrentValue.CheckInterval;

    protected override void LogSweepFailed(Exception exception) => LogStalledSweepFailed(logger, exception);

    /// <summary>Settles up to one batch of stalled replies, oldest first.</summary>
    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = Clock.GetUtcNow();
        var pendingBefore = now - settings.RepublishAfter;
        var leaseStartedBefore = now - settings.SendLease;
        var stalled = await replies.StalledAsync(pendingBefore, leaseStartedBefore, BatchSize, cancellationToken);
        foreach (var reply in stalled)
        {
            if (reply.DeliveryStatus == DeliveryProgress.Pending)
            {
                await RepublishAsync(reply, pendingBefore, now, cancellationToken);
            }
            else if (await replies.RecordInterruptedAsync(reply.ReplyId, StoreReplyLedger.InterruptedReason, leaseStartedBefore, now, cancellationToken))
            {
                LogInterrupted(logger, reply.ReplyId, settings.SendLease);
                await bus.Publish(new ReplyFailed
                {
                    ReplyId = reply.ReplyId,
                    ConversationId = reply.ConversationId,
                    Channel = reply.Channel,
                    Code = ReplyStore.InterruptedCode,
                    Reason = StoreReplyLedger.InterruptedReason,
                    IsPermanent = true,
                    FailedAt = now,
                }, cancellationToken);
            }
        }
    }

    private async Task RepublishAsync(StalledReply reply, DateTimeOffset pendingBefore, DateTimeOffset now, CancellationToken ct)
    {
        if (await replies.FindReplyAsync(reply.ReplyId, ct) is not var (thread, text, requestedAt)
            || !await replies.ClaimForRepublishAsync(reply.ReplyId, pendingBefore, now, ct))
        {
            return;
        }

        LogRepublished(logger, reply.ReplyId, options.CurrentValue.RepublishAfter);
        await bus.Publish(thread.ToCommand(reply.ReplyId, text, requestedAt), ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {ReplyId} was still pending after {After}: its command is published again.")]
    private static partial void LogRepublished(ILogger logger, Guid replyId, TimeSpan after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reply {ReplyId} was sending for longer than {Lease} without an outcome: recorded as interrupted.")]
    private static partial void LogInterrupted(ILogger logger, Guid replyId, TimeSpan lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for stalled replies failed; trying again at the next interval.")]
    private static partial void LogStalledSweepFailed(ILogger logger, Exception exception);
}
