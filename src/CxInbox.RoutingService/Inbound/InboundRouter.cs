using System.Data;
using System.Text.Json;
using CxInbox.Classification;
using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using CxInbox.RoutingService.Assignment;
using CxInbox.RoutingService.ServiceLevels;
using CxInbox.RoutingService.Threading;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// The per-message path: stores a customer's message in its conversation and routes the conversation, in one
/// transaction, and returns where the conversation stands. A redelivered or duplicate message stores nothing and
/// returns the recorded outcome again, so the event cannot be lost between the commit and the publish. Automated mail
/// is recorded but not routed (no outcome).
/// </summary>
public sealed class InboundRouter(
    Database database,
    CustomerStore customers,
    ConversationStore conversations,
    ConversationAssigner assigner,
    IClassifierSource classifier,
    IOptionsMonitor<RoutingTableOptions> routingTable,
    IOptionsMonitor<ThreadingOptions> threading,
    IOptionsMonitor<ServiceLevelOptions> serviceLevelOptions,
    IOptionsMonitor<ChannelWeightOptions> channelWeights,
    QueueDrain queue,
    IBus bus,
    TimeProvider clock,
    ILogger<InboundRouter> logger)
{
    public async Task<RoutingOutcome?> RouteAsync(InteractionReceived message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Automated is not null)
        {
            await RecordAutomatedAsync(message, ct);
            return null;
        }

        return await conversations.FindOutcomeByMessageAsync(message.Channel, message.ChannelAccount, message.ProviderMessageId, ct)
            ?? await StoreAndRouteAsync(message, ct);
    }

    private async Task<RoutingOutcome> StoreAndRouteAsync(InteractionReceived message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var customer = await customers.ResolveAsync(tx, message.Channel, message.CustomerAddress, message.CustomerName, now, ct);
        var latest = customer.IsNew ? null : await conversations.LatestOnThreadAsync(tx, message.Channel, message.ChannelAccount, message.CustomerAddress, ct);
        var referenced = await FindReferencedAsync(tx, message, message.CustomerAddress, ct);
        var (conversationId, opened) = ReferenceThreadingRule.Decide(referenced, latest, now, threading.CurrentValue.ReopenWindow) switch
        {
            ThreadingDecision.Join join => (join.ConversationId, false),
            ThreadingDecision.Reopen reopen => (await ReopenAsync(tx, reopen.ConversationId, ct), false),
            _ => await conversations.OpenAsync(tx, customer.Id, message.Channel, message.ChannelAccount, message.CustomerAddress, message.ReceivedAt, now, ct),
        };
        QueueBehind? behind = null;

        var incoming = Classified(message, classifier.Current);
        var tags = incoming.Tags!;
        // A conversation this transaction opened is locked by the insert, has no messages and no agent or tags yet: none
        // of that needs asking.
        var isNewest = opened || await conversations.LockAndCheckNewestAsync(tx, conversationId, message.ReceivedAt, ct);
        if (await conversations.AddMessageAsync(tx, conversationId, incoming, now, ct, justOpened: opened))
        {
            var state = opened ? null : await conversations.FindOutcomeAsync(tx, conversationId, ct);
            var conversationTags = ConversationTags.Evolve(state?.Tags, tags, isNewest);
            var target = routingTable.CurrentValue.ToTable().Decide(conversationTags);
            var dueAt = message.ReceivedAt + serviceLevelOptions.CurrentValue.ToTargets().For(message.Channel);
            // Only a conversation without an agent takes this weight (and only such a one is assigned below); a held
            // one keeps the weight its agent's load counts.
            var weight = channelWeights.CurrentValue.ToWeights().Of(message.Channel);
            await conversations.SaveCustomerMessageRoutingAsync(tx, conversationId, conversationTags, target, dueAt, weight, ct);
            var needs = new ConversationNeeds(target.Team, conversationTags.Language, message.Channel, weight, target.Skill);
            if (state?.AssigneeId is null)
            {
                var waiting = await conversations.WaitingAsync(tx, ct);
                behind = new QueueBehind(QueuePlace.In(waiting, conversationId, target.Priority), waiting);
            }

            if (behind is not null
                && await assigner.AssignOrQueueAsync(tx, conversationId, needs, firstTimeCustomer: customer.IsNew, behind, now, ct) is null)
            {
                // Another router assigned this conversation while we held a capacity claim: roll back and let the
                // retry see the assignment.
                throw new DBConcurrencyException($"Conversation {conversationId} was assigned concurrently.");
            }
        }

        var outcome = await conversations.FindOutcomeAsync(tx, conversationId, ct);
        await tx.CommitAsync(ct);
        if (behind is { RoomForThoseAhead: true })
        {
            await queue.DrainAsync(bus, ct);
        }

        return outcome!;
    }

    // Automated mail is recorded where it belongs but never opens, reopens or routes a conversation, and it is not
    // the customer writing, so no routing outcome is published for it.
    private async Task RecordAutomatedAsync(InteractionReceived message, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var latest = await conversations.LatestOnThreadAsync(tx, message.Channel, message.ChannelAccount, message.CustomerAddress, ct);
        // A bounce comes from the mail server, not the customer: our message it names may be on anyone's conversation.
        var referenced = await FindReferencedAsync(tx, message, customerAddress: null, ct);
        if (ReferenceThreadingRule.PlaceAutomated(referenced, latest) is not { } conversationId)
        {
            logger.LogInformation("Automated {Kind} message {ProviderMessageId} from {CustomerAddress} on {Channel} {ChannelAccount} belongs to no conversation; not stored",
                message.Automated, message.ProviderMessageId, message.CustomerAddress, message.Channel, message.ChannelAccount);
            return;
        }

        await conversations.AddMessageAsync(tx, conversationId, ToIncoming(message), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    private async Task<LatestConversation?> FindReferencedAsync(StoreTransaction tx, InteractionReceived message, string? customerAddress, CancellationToken ct)
    {
        foreach (var id in ReferenceThreadingRule.LookupOrder(message.InReplyTo, message.References))
        {
            if (await conversations.FindByReferencedMessageAsync(tx, message.Channel, message.ChannelAccount, id, customerAddress, ct) is { } found)
            {
                return found;
            }
        }

        return message.ConversationToken is { Length: > 0 } token
            ? await conversations.FindByTokenAsync(tx, message.Channel, message.ChannelAccount, message.CustomerAddress, token.ToLowerInvariant(), ct)
            : null;
    }

    /// <summary>The message as the store keeps it, with the classifier's tags and their evidence.</summary>
    internal static IncomingMessage Classified(InteractionReceived message, MessageClassifier classifier)
    {
        var classification = classifier.Classify(message.Text, message.Channel);
        return ToIncoming(message) with
        {
            Tags = new MessageTags(classification.StageName, classification.Complaint, classification.ComplaintConfidence,
                classification.SalesOpportunity, classification.SalesConfidence, classification.Language),
            EvidenceJson = JsonSerializer.Serialize(classification.Evidence.Select(e => new { tag = e.Tag, cue = e.Cue, reason = e.Reason })),
        };
    }

    private static IncomingMessage ToIncoming(InteractionReceived message) =>
        new(message.Channel, message.ChannelAccount, message.ProviderMessageId, message.Text, message.ReceivedAt,
            [.. message.Attachments.Select(a => (a.Url, a.ContentType, a.FileName, a.Size))])
        {
            Subject = message.Subject,
            InReplyTo = message.InReplyTo,
            References = message.References,
            FullText = message.FullText,
            Automated = message.Automated,
        };

    private async Task<Guid> ReopenAsync(StoreTransaction tx, Guid conversationId, CancellationToken ct)
    {
        await conversations.ReopenAsync(tx, conversationId, ct);
        return conversationId;
    }
}
