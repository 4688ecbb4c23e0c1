using System.Data;
using System.Text.Json;
using CxInbox.Classification;
using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using CxInbox.Data.Storage;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using CxInbox.RoutingService.Assignment;
using CxInbox.RoutingService.ServiceLevels;
using CxInbox.RoutingService.Threading;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// Stores a customer's message in its conversation and routes the conversation, in one transaction; then publishes
/// where the conversation stands. A redelivered or duplicate message stores nothing and publishes the recorded
/// outcome again, so the event cannot be lost between the commit and the publish.
/// </summary>
public sealed class InteractionReceivedConsumer(
    Database database,
    CustomerStore customers,
    ConversationStore conversations,
    ConversationAssigner assigner,
    IClassifierSource classifier,
    IOptionsMonitor<RoutingTableOptions> routingTable,
    IOptionsMonitor<ThreadingOptions> threading,
    IOptionsMonitor<ServiceLevelOptions> serviceLevelOptions,
    ServiceLevelStore serviceLevels,
    TimeProvider clock) : IConsumer<InteractionReceived>
{
    public async Task Consume(ConsumeContext<InteractionReceived> context)
    {
        var ct = context.CancellationToken;
        var message = context.Message;
        var outcome = await conversations.FindOutcomeByMessageAsync(message.Channel, message.ChannelAccount, message.ProviderMessageId, ct)
            ?? await StoreAndRouteAsync(message, ct);
        await context.Publish(outcome.ToEvent(), ct);
    }

    private async Task<RoutingOutcome> StoreAndRouteAsync(InteractionReceived message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var customerId = await customers.ResolveAsync(tx, message.Channel, message.CustomerAddress, message.CustomerName, now, ct);
        var latest = await conversations.LatestOnThreadAsync(tx, message.Channel, message.ChannelAccount, message.CustomerAddress, ct);
        var conversationId = ThreadingRule.Decide(latest, now, threading.CurrentValue.ReopenWindow) switch
        {
            ThreadingDecision.Join join => join.ConversationId,
            ThreadingDecision.Reopen reopen => await ReopenAsync(tx, reopen.ConversationId, ct),
            _ => await conversations.OpenAsync(tx, customerId, message.Channel, message.ChannelAccount, message.CustomerAddress, now, ct),
        };

        var classification = classifier.Current.Classify(message.Text, message.Channel);
        var tags = new MessageTags(classification.StageName, classification.Complaint, classification.ComplaintConfidence,
            classification.SalesOpportunity, classification.SalesConfidence, classification.Language);
        var incoming = new IncomingMessage(message.Channel, message.ChannelAccount, message.ProviderMessageId, message.Text,
            message.ReceivedAt, [.. message.Attachments.Select(a => (a.Url, a.ContentType))])
        {
            Tags = tags,
            EvidenceJson = JsonSerializer.Serialize(classification.Evidence.Select(e => new { tag = e.Tag, cue = e.Cue, reason = e.Reason })),
        };
        var isNewest = await conversations.LockAndCheckNewestAsync(tx, conversationId, message.ReceivedAt, ct);
        if (await conversations.AddMessageAsync(tx, conversationId, incoming, now, ct))
        {
            var state = await conversations.FindOutcomeAsync(tx, conversationId, ct);
            var conversationTags = ConversationTags.Evolve(state!.Tags, tags, isNewest);
            var target = routingTable.CurrentValue.ToTable().Decide(conversationTags);
            await conversations.SaveRoutingAsync(tx, conversationId, conversationTags, target, ct);
            var dueAt = message.ReceivedAt + serviceLevelOptions.CurrentValue.ToTargets().For(message.Channel);
            await serviceLevels.StartClockAsync(tx, conversationId, dueAt, ct);
            if (state.AssigneeId is null && await assigner.AssignOrQueueAsync(tx, conversationId, target.Team, now, ct) is null)
            {
                // Another router assigned this conversation while we held a capacity claim: roll back and let the
                // retry see the assignment.
                throw new DBConcurrencyException($"Conversation {conversationId} was assigned concurrently.");
            }
        }

        var outcome = await conversations.FindOutcomeAsync(tx, conversationId, ct);
        await tx.CommitAsync(ct);
        return outcome!;
    }

    private async Task<Guid> ReopenAsync(StoreTransaction tx, Guid conversationId, CancellationToken ct)
    {
        await conversations.ReopenAsync(tx, conversationId, ct);
        return conversationId;
    }
}
