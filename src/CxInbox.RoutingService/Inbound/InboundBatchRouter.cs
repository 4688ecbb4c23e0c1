using System.Data;
using CxInbox.Classification;
using CxInbox.Contracts;
using CxInbox.Data.Agents;
using CxInbox.Data.Conversations;
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
/// The set-based path (PostgreSQL): routes a batch of customer messages in one transaction, in five round trips
/// whatever its size (six when it only joins conversations and one of them has no agent), with the decisions of the
/// per-message path (<see cref="InboundRouter"/>): the same threading rule, tag evolution, routing table and
/// assignment policy, applied in arrival order. It takes only messages
/// <see cref="InboundBatcher"/> lets in: customer messages naming no earlier message, at most one per customer address
/// and per link key.
/// <para>A message whose conversation is to be reopened gets no outcome (null): the batcher routes it on the
/// per-message path. A race with another router (an address linked, a thread opened, a message stored, a conversation
/// resolved or an agent's room taken in between) throws, which rolls the whole batch back; the batcher then routes
/// every message of it on the per-message path.</para>
/// </summary>
public sealed class InboundBatchRouter(
    Database database,
    InboundBatchStore batches,
    AgentStore agents,
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
        var linkKeys = batch.Select(m => CustomerLinkKey.For(m.Channel, m.CustomerAddress)).ToList();
        var table = routingTable.CurrentValue.ToTable();
        var targets = serviceLevelOptions.CurrentValue.ToTargets();
        var weights = channelWeights.CurrentValue.ToWeights();
        CustomerMessageRouting Routing(int i, Guid conversationId, ConversationTags tags) => new(conversationId, tags, table.Decide(tags),
            batch[i].ReceivedAt + targets.For(batch[i].Channel), weights.Of(batch[i].Channel), batch[i].ReceivedAt);

        await using var tx = await database.BeginAsync(ct);
        var found = await batches.LookupAsync(tx, incoming, linkKeys, [.. batch.Select(m => m.CustomerAddress)], ct);

        var plans = new Placement?[batch.Count];
        var created = new List<(Guid Id, string? DisplayName)>();
        var names = new List<(Guid Id, string DisplayName)>();
        var links = new List<(string Channel, string Address, Guid CustomerId, string LinkKey)>();
        var opened = new List<NewConversation>();
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            if (found[i].StoredIn is { } storedIn)
            {
                plans[i] = new Placement(storedIn, Guid.Empty, Stored: true, Opened: false, FirstTimeCustomer: false);
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
            else if (message.CustomerName is { } name && !names.Any(n => n.Id == customerId))
            {
                // One customer may write from two addresses in one batch: the first name wins, as it would one by one.
                names.Add((customerId, name));
            }

            if (found[i].KnownCustomerId is null)
            {
                links.Add((message.Channel, message.CustomerAddress, customerId, linkKeys[i]));
            }

            if (decision is ThreadingDecision.Join join)
            {
                plans[i] = new Placement(join.ConversationId, customerId, Stored: false, Opened: false, FirstTimeCustomer: false);
                continue;
            }

            var conversationId = Guid.CreateVersion7(now);
            var conversation = new NewConversation(conversationId, customerId, message.Channel, message.ChannelAccount, message.CustomerAddress,
                Routing(i, conversationId, ConversationTags.Evolve(null, incoming[i].Tags!, isNewest: true)));
            opened.Add(conversation);
            plans[i] = new Placement(conversation.Id, customerId, Stored: false, Opened: true, FirstTimeCustomer: isNew);
        }

        var routed = Enumerable.Range(0, batch.Count).Where(i => plans[i] is { Stored: false }).ToList();
        var joined = routed.Where(i => !plans[i]!.Opened).ToList();
        var written = await batches.WriteAsync(tx, new BatchWrite(created, names, links, opened,
            [.. joined.Select(i => (plans[i]!.ConversationId, batch[i].ReceivedAt))],
            [.. routed.Select(i => (Guid.CreateVersion7(now), plans[i]!.ConversationId, incoming[i]))],
            [.. routed.Where(i => !plans[i]!.FirstTimeCustomer).Select(i => plans[i]!.ConversationId)],
            now - threading.CurrentValue.StickinessWindow), now, ct);
        Expect(written.Linked, links.Count, "addresses linked");
        Expect(written.Opened, opened.Count, "conversations opened");
        Expect(written.Locked.Count(c => c.Status != ConversationStatus.Resolved), joined.Count, "open conversations joined");
        Expect(written.MessagesStored, routed.Count, "messages stored");
        var locked = written.Locked.ToDictionary(c => c.Id);

        var openedRoutings = opened.ToDictionary(o => o.Id, o => o.Routing);
        var joinedRoutings = new List<CustomerMessageRouting>();
        var unassigned = new List<(int Index, ConversationNeeds Needs)>();
        foreach (var i in routed)
        {
            var plan = plans[i]!;
            var state = plan.Opened ? null : locked[plan.ConversationId];
            CustomerMessageRouting routing;
            if (state is null)
            {
                routing = openedRoutings[plan.ConversationId];
            }
            else
            {
                var isNewest = !written.HavingNewerInbound.Contains(plan.ConversationId);
                routing = Routing(i, plan.ConversationId, ConversationTags.Evolve(state.Tags, incoming[i].Tags!, isNewest));
                joinedRoutings.Add(routing);
            }

            if (state?.AssigneeId is null)
            {
                unassigned.Add((i, new ConversationNeeds(routing.Target.Team, routing.Tags.Language, batch[i].Channel, routing.Weight, routing.Target.Skill)));
            }
        }

        var outcomes = await AssignAsync(tx, plans, joinedRoutings, unassigned, written, now, ct);
        await tx.CommitAsync(ct);
        return [.. plans.Select(p => p is null ? null : outcomes[p.ConversationId])];
    }

    // The policy chooses for every conversation without an agent in arrival order, in memory, as one router taking them
    // one by one would: each choice counts as load and as the agent's latest assignment (a microsecond after the one
    // before, for the longest-idle tie-break) and as the customer's previous agent for their later conversations. One
    // statement then claims every chosen agent's share, locking the agents in id order, in the round trip that saves
    // the routing. A share that no longer fits (another router got there first) fails the batch. Returns the outcomes.
    private async Task<IReadOnlyDictionary<Guid, RoutingOutcome>> AssignAsync(StoreTransaction tx, Placement?[] plans,
        List<CustomerMessageRouting> joinedRoutings, List<(int Index, ConversationNeeds Needs)> unassigned, BatchWritten written,
        DateTimeOffset now, CancellationToken ct)
    {
        var chosen = new List<(Guid ConversationId, ConversationNeeds Needs, AssignmentDecision.Assign Decision, DateTimeOffset At)>();
        var waiting = new List<(Guid ConversationId, string? Team, string Reason)>();
        if (unassigned.Count > 0)
        {
            var snapshot = (written.Agents ?? await agents.SnapshotsAsync(tx, ct)).ToList();
            var chosenForCustomer = new Dictionary<Guid, Guid>();
            foreach (var (index, needs) in unassigned)
            {
                var plan = plans[index]!;
                var previous = chosenForCustomer.TryGetValue(plan.CustomerId, out var agentId) ? agentId : written.PreviousAgents.GetValueOrDefault(plan.ConversationId);
                switch (AssignmentPolicy.Decide(snapshot, needs, previous))
                {
                    case AssignmentDecision.Assign assign:
                        var at = now.AddTicks(chosen.Count * TimeSpan.TicksPerMicrosecond);
                        chosen.Add((plan.ConversationId, needs, assign, at));
                        chosenForCustomer[plan.CustomerId] = assign.AgentId;
                        var place = snapshot.FindIndex(a => a.Id == assign.AgentId);
                        snapshot[place] = snapshot[place].Taking(needs.Weight) with { LastAssignedAt = at };
                        break;
                    case var wait:
                        waiting.Add((plan.ConversationId, needs.Team, wait.Reason));
                        break;
                }
            }
        }

        var shares = chosen.GroupBy(c => c.Decision.AgentId)
            .Select(g => (AgentId: g.Key, Count: g.Count(), Weight: g.Sum(c => c.Needs.Weight), LastAssignedAt: g.Max(c => c.At)))
            .OrderBy(s => s.AgentId)
            .ToList();
        Expect((await batches.SaveRoutingAndClaimAsync(tx, joinedRoutings, shares, ct)).Count, shares.Count, "agents' shares claimed");
        var (assigned, outcomes) = await batches.AssignAndQueueAsync(tx,
            [.. chosen.Select(c => (c.ConversationId, c.Decision.AgentId, c.Needs.Team, c.Decision.Reason))], waiting,
            [.. plans.OfType<Placement>().Select(p => p.ConversationId)], now, ct);
        Expect(assigned, chosen.Count, "conversations assigned");
        return outcomes;
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
    private sealed record Placement(Guid ConversationId, Guid CustomerId, bool Stored, bool Opened, bool FirstTimeCustomer);
}
