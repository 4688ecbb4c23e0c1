using System.Data;
using CxInbox.Classification;
using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Customers;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using CxInbox.RoutingService.Assignment;
using CxInbox.RoutingService.ServiceLevels;
using CxInbox.RoutingService.Threading;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// The set-based path (PostgreSQL): routes a batch of customer messages in one transaction, each step one statement
/// for the whole batch, with the decisions of the per-message path (<see cref="InboundRouter"/>): the same threading
/// rule, tag evolution, routing table and assignment policy. It takes only messages <see cref="InboundBatcher"/> lets
/// in: customer messages naming no earlier message, at most one per customer address and per link key.
/// <para>A message whose conversation is to be reopened gets no outcome (null): its consumer routes it on the
/// per-message path. A race with another router (an address linked, a thread opened, a message stored or a
/// conversation resolved meanwhile) throws, which rolls the whole batch back; the batcher then routes every message
/// of it on the per-message path.</para>
/// </summary>
public sealed class InboundBatchRouter(
    Database database,
    InboundBatchStore batches,
    CustomerStore customers,
    AgentStore agents,
    AssignmentHistoryStore history,
    ConversationAssigner assigner,
    IClassifierSource classifier,
    IOptionsMonitor<RoutingTableOptions> routingTable,
    IOptionsMonitor<ThreadingOptions> threading,
    IOptionsMonitor<ServiceLevelOptions> serviceLevelOptions,
    IOptionsMonitor<ChannelWeightOptions> channelWeights,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<RoutingOutcome?>> RouteAsync(IReadOnlyList<InteractionReceived> batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = clock.GetUtcNow();
        var currentClassifier = classifier.Current;
        var incoming = batch.Select(m => InboundRouter.Classified(m, currentClassifier)).ToList();
        await using var tx = await database.BeginAsync(ct);
        var found = await batches.LookupAsync(tx, incoming, [.. batch.Select(m => CustomerLinkKey.For(m.Channel, m.CustomerAddress))],
            [.. batch.Select(m => m.CustomerAddress)], ct);

        var plans = new Placement?[batch.Count];
        var created = new List<(Guid Id, string? DisplayName)>();
        var names = new List<(Guid Id, string DisplayName)>();
        var links = new List<(string Channel, string Address, Guid CustomerId)>();
        var opened = new List<NewConversation>();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            if (found[i].StoredIn is { } storedIn)
            {
                plans[i] = new Placement(storedIn, Stored: true, Opened: false, FirstTimeCustomer: false);
                continue;
            }

            var (customerId, isNew) = (found[i].KnownCustomerId, found[i].LinkedCustomerId) switch
            {
                ({ } known, _) => (known, false),
                (null, { } linked) => (linked, false),
                _ => (Guid.CreateVersion7(now), true),
            };
            var latest = isNew ? null : found[i].Latest;
            var decision = ThreadingRule.Decide(latest, now, threading.CurrentValue.ReopenWindow);
            if (decision is ThreadingDecision.Reopen)
            {
                continue;
            }

            if (isNew)
            {
                created.Add((customerId, message.CustomerName));
            }
            else if (message.CustomerName is { } name)
            {
                names.Add((customerId, name));
            }

            if (found[i].KnownCustomerId is null)
            {
                links.Add((message.Channel, message.CustomerAddress, customerId));
            }

            if (decision is ThreadingDecision.Join join)
            {
                plans[i] = new Placement(join.ConversationId, Stored: false, Opened: false, FirstTimeCustomer: false);
                continue;
            }

            var conversation = new NewConversation(Guid.CreateVersion7(now), customerId, message.Channel, message.ChannelAccount, message.CustomerAddress,
                message.ReceivedAt);
            opened.Add(conversation);
            plans[i] = new Placement(conversation.Id, Stored: false, Opened: true, FirstTimeCustomer: isNew);
        }

        await customers.InsertManyAsync(tx, created, now, ct);
        await customers.FillMissingNamesAsync(tx, names, ct);
        Expect(await customers.LinkManyAsync(tx, links, now, ct), links.Count, "addresses linked");
        Expect(await batches.OpenAsync(tx, opened, now, ct), opened.Count, "conversations opened");

        var routed = Enumerable.Range(0, batch.Count).Where(i => plans[i] is { Stored: false }).ToList();
        var joined = routed.Where(i => !plans[i]!.Opened).ToList();
        var locked = (await batches.LockAsync(tx, [.. joined.Select(i => plans[i]!.ConversationId)], ct)).ToDictionary(c => c.Id);
        Expect(locked.Values.Count(c => c.Status != ConversationStatus.Resolved), joined.Count, "open conversations joined");
        var notNewest = await batches.HavingNewerInboundAsync(tx, [.. joined.Select(i => (plans[i]!.ConversationId, batch[i].ReceivedAt))], ct);
        Expect(await batches.AddMessagesAsync(tx, [.. routed.Select(i => (Guid.CreateVersion7(now), plans[i]!.ConversationId, incoming[i]))], now, ct),
            routed.Count, "messages stored");

        var table = routingTable.CurrentValue.ToTable();
        var targets = serviceLevelOptions.CurrentValue.ToTargets();
        var weights = channelWeights.CurrentValue.ToWeights();
        var routings = new List<CustomerMessageRouting>();
        var unassigned = new List<(int Index, ConversationNeeds Needs)>();
        foreach (var i in routed)
        {
            var plan = plans[i]!;
            var state = plan.Opened ? null : locked[plan.ConversationId];
            var tags = ConversationTags.Evolve(state?.Tags, incoming[i].Tags!, plan.Opened || !notNewest.Contains(plan.ConversationId));
            var target = table.Decide(tags);
            var weight = weights.Of(batch[i].Channel);
            routings.Add(new CustomerMessageRouting(plan.ConversationId, tags, target, batch[i].ReceivedAt + targets.For(batch[i].Channel), weight, batch[i].ReceivedAt));
            if (state?.AssigneeId is null)
            {
                unassigned.Add((i, new ConversationNeeds(target.Team, tags.Language, batch[i].Channel, weight, target.Skill)));
            }
        }

        await batches.SaveCustomerMessageRoutingAsync(tx, routings, ct);
        await AssignAsync(tx, plans, unassigned, now, ct);

        var outcomes = await batches.OutcomesAsync(tx, [.. plans.OfType<Placement>().Select(p => p.ConversationId)], ct);
        await tx.CommitAsync(ct);
        return [.. plans.Select(p => p is null ? null : outcomes[p.ConversationId])];
    }

    // A first-time customer's new conversation has no previous agent: the policy chooses for all of them in memory,
    // counting the batch's earlier choices as load, and one statement claims every chosen agent's share. Whoever the
    // policy cannot place, whose agent's share did not fit any more, or who may have a previous agent goes through
    // the per-message assigner, in this transaction.
    private async Task AssignAsync(StoreTransaction tx, Placement?[] plans, List<(int Index, ConversationNeeds Needs)> unassigned, DateTimeOffset now,
        CancellationToken ct)
    {
        var oneByOne = unassigned.Where(u => !plans[u.Index]!.FirstTimeCustomer).ToList();
        var firstTime = unassigned.Where(u => plans[u.Index]!.FirstTimeCustomer).ToList();
        var chosen = new List<(int Index, ConversationNeeds Needs, AssignmentDecision.Assign Decision)>();
        if (firstTime.Count > 0)
        {
            var snapshot = (await agents.SnapshotsAsync(tx, ct)).ToList();
            foreach (var (index, needs) in firstTime)
            {
                if (AssignmentPolicy.Decide(snapshot, needs) is AssignmentDecision.Assign assign)
                {
                    chosen.Add((index, needs, assign));
                    var place = snapshot.FindIndex(a => a.Id == assign.AgentId);
                    snapshot[place] = snapshot[place].Taking(needs.Weight);
                }
                else
                {
                    oneByOne.Add((index, needs));
                }
            }
        }

        var shares = chosen.GroupBy(c => c.Decision.AgentId)
            .Select(g => (AgentId: g.Key, Count: g.Count(), Weight: g.Sum(c => c.Needs.Weight)))
            .OrderBy(s => s.AgentId)
            .ToList();
        var claimed = await agents.TryClaimSharesAsync(tx, shares, now, ct);
        var assigned = chosen.Where(c => claimed.Contains(c.Decision.AgentId)).ToList();
        oneByOne.AddRange(chosen.Where(c => !claimed.Contains(c.Decision.AgentId)).Select(c => (c.Index, c.Needs)));
        Expect(await batches.AssignAsync(tx, [.. assigned.Select(c => (plans[c.Index]!.ConversationId, c.Decision.AgentId, c.Decision.Reason))], now, ct),
            assigned.Count, "conversations assigned");
        await history.RecordAssignedManyAsync(tx, [.. assigned.Select(c => (plans[c.Index]!.ConversationId, c.Decision.AgentId, c.Needs.Team, c.Decision.Reason))],
            now, ct);

        foreach (var (index, needs) in oneByOne.OrderBy(u => u.Index))
        {
            var plan = plans[index]!;
            if (await assigner.AssignOrQueueAsync(tx, plan.ConversationId, needs, plan.FirstTimeCustomer, now, ct) is null)
            {
                throw new DBConcurrencyException($"Conversation {plan.ConversationId} was assigned concurrently.");
            }
        }
    }

    private static void Expect(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new DBConcurrencyException($"Another router changed the batch's rows meanwhile: {actual} of {expected} {what}.");
        }
    }

    /// <summary>Where a message of the batch goes. <c>Stored</c>: it was stored before (a redelivery); only its
    /// outcome is read.</summary>
    private sealed record Placement(Guid ConversationId, bool Stored, bool Opened, bool FirstTimeCustomer);
}
