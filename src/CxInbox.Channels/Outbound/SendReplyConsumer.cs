using CxInbox.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CxInbox.Channels.Outbound;

/// <summary>
/// The channel worker: sends an agent's reply through the conversation's channel and publishes what happened. The
/// ledger makes a redelivered command publish the recorded outcome instead of sending again, and a copy that arrives
/// while another attempt is sending leaves the reply to that attempt; an attempt that was cut off mid-send is reported failed
/// rather than risked twice, and the agent decides whether to resend.
/// </summary>
public sealed class SendReplyConsumer(ReplySenderRegistry senders, IReplyLedger ledger, TimeProvider clock, ILogger<SendReplyConsumer> logger)
    : IConsumer<SendReply>
{
    public async Task Consume(ConsumeContext<SendReply> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var attempt = await ledger.BeginAsync(command.ReplyId, clock.GetUtcNow(), ct);
        if (attempt is ReplyAttempt.InProgress)
        {
            logger.LogInformation("Reply {ReplyId} is being sent by another attempt; this copy of the command leaves it to that one", command.ReplyId);
            return;
        }

        var outcome = attempt is ReplyAttempt.Finished finished ? finished.Outcome : await SendAndRecordAsync(command, ct);

        await context.Publish(outcome switch
        {
            SendOutcome.Sent sent => (object)new ReplySent
            {
                ReplyId = command.ReplyId,
                ConversationId = command.ConversationId,
                Channel = command.Channel,
                ProviderMessageId = sent.ProviderMessageId,
                Status = sent.Status,
                SentAt = clock.GetUtcNow(),
            },
            SendOutcome.Failed failed => new ReplyFailed
            {
                ReplyId = command.ReplyId,
                ConversationId = command.ConversationId,
                Channel = command.Channel,
                Code = failed.Code,
                Reason = failed.Reason,
                IsPermanent = failed.IsPermanent,
                RecipientOptedOut = failed.RecipientOptedOut,
                FailedAt = clock.GetUtcNow(),
            },
            _ => throw new InvalidOperationException("Unknown send outcome."),
        }, ct);
    }

    private async Task<SendOutcome> SendAndRecordAsync(SendReply command, CancellationToken ct)
    {
        var sender = senders.Find(command.Channel);
        SendOutcome outcome = sender is null
            ? new SendOutcome.Failed("no_channel", $"No channel adapter sends on '{command.Channel}' in this deployment.", IsPermanent: true)
            : await sender.SendAsync(new OutboundReply
            {
                ReplyId = command.ReplyId,
                ConversationId = command.ConversationId,
                Channel = command.Channel,
                ChannelAccount = command.ChannelAccount,
                CustomerAddress = command.CustomerAddress,
                Text = command.Text,
                LastCustomerMessageId = command.LastCustomerMessageId,
                LastCustomerMessageAt = command.LastCustomerMessageAt,
                LastCustomerMessageSubject = command.LastCustomerMessageSubject,
                LastCustomerMessageReferences = command.LastCustomerMessageReferences,
            }, ct);

        if (outcome is SendOutcome.Failed failed)
        {
            logger.LogWarning("Reply {ReplyId} on {Channel} failed: {Code} (permanent: {IsPermanent})",
                command.ReplyId, command.Channel, failed.Code, failed.IsPermanent);
        }

        await ledger.RecordAsync(command.ReplyId, outcome, clock.GetUtcNow(), ct);
        return outcome;
    }
}
