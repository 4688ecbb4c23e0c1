using CxInbox.Channels.Outbound;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using CxInbox.Routing.Delivery;
using Microsoft.Extensions.Options;

namespace CxInbox.Host.Outbound;

/// <summary>The channel workers' ledger, kept on the reply's own message row. Lives in the Host because channels may
/// not reference the store (docs/architecture.md).</summary>
internal sealed class StoreReplyLedger(ReplyStore replies, ConsentStore consents, IOptionsMonitor<ReplyRecoveryOptions> options) : IReplyLedger
{
    public const string InterruptedReason =
        "An earlier attempt to send this reply was interrupted; the customer may or may not have received it. Check before sending it again.";

    public async Task<ReplyAttempt> BeginAsync(Guid replyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await replies.BeginSendingAsync(replyId, now, cancellationToken);
        if (state is { DeliveryStatus: DeliveryProgress.Sending, JustStarted: false })
        {
            if (!await replies.RecordInterruptedAsync(replyId, InterruptedReason, now - options.CurrentValue.SendLease, now, cancellationToken))
            {
                return new ReplyAttempt.InProgress();
            }

            state = await replies.BeginSendingAsync(replyId, now, cancellationToken);
        }

        return state switch
        {
            { JustStarted: true } => new ReplyAttempt.First(),
            { DeliveryStatus: DeliveryProgress.Failed or DeliveryProgress.Undelivered } => new ReplyAttempt.Finished(
                new SendOutcome.Failed(state.DeliveryErrorCode ?? state.DeliveryStatus, state.DeliveryError ?? "", IsPermanent: true)),
            { DeliveryStatus: "" } => new ReplyAttempt.Finished(new SendOutcome.Failed("unknown_reply",
                $"Reply {replyId} is not on record; it was never stored, so it is not sent.", IsPermanent: true)),
            _ => new ReplyAttempt.Finished(new SendOutcome.Sent(state.ProviderMessageId, state.DeliveryStatus)),
        };
    }

    public async Task RecordAsync(Guid replyId, SendOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case SendOutcome.Sent sent:
                await replies.RecordSentAsync(replyId, sent.ProviderMessageId, sent.Status, now, cancellationToken);
                break;

            case SendOutcome.Failed failed:
                await replies.RecordFailedAsync(replyId, failed.Code, failed.Reason, now, cancellationToken);
                if (failed.RecipientOptedOut && await replies.FindThreadOfReplyAsync(replyId, cancellationToken) is { } thread)
                {
                    await consents.ApplyAsync(new ConsentRecord
                    {
                        Channel = thread.Channel,
                        ChannelAccount = thread.ChannelAccount,
                        CustomerAddress = thread.CustomerAddress,
                        OptedOut = true,
                        Keyword = $"provider error {failed.Code}",
                        ProviderMessageId = $"reply:{replyId:D}",
                        ChangedAt = now,
                    }, cancellationToken);
                }

                break;
        }
    }
}
