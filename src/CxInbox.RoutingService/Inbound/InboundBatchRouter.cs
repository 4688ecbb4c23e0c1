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
using MassTransit;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// The set-based path (PostgreSQL): routes a batch of customer messages in one transaction, in four round trips
/// whatever its size, with the decisions of the per-message path (<see cref="InboundRouter"/>): the same threading rule,
/// tag evolution, routing table and assignment policy. It takes only messages <see cref="InboundBatcher"/> lets in:
/// customer messages naming no earlier message, at most one per customer address and per link key.
/// <para>A message whose conversation is to be reopened gets no outcome (null): the batcher routes it on the
/// per-message path. A race with another router (an address linked, a thread opened, a message stored, a joined
/// conversation resolved, or an agent's room taken in between) throws, which rolls the whole batch back; the batcher
/// then routes every message of it on the per-message path.</para>
/// </summary>
public sealed class InboundBatchRouter(
    Database database,
    InboundBatchStore batches,
    IClassifierSource classifier,
    IOptionsMonitor<RoutingTableOptions> routingTable,
    IOptionsMonitor<ThreadingOptions> threading,
    IOptionsMonitor<ServiceLevelOptions> serviceLevelOptions,
    IOptionsMonitor<ChannelWeightOptions> channelWeights,
    QueueDrain queue,
    IBus bus,
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
        var (found, agents, waitingInQueue) = await batches.LookupAsync(tx, incoming, linkKeys, [.. batch.Select(m => m.CustomerAddress)],
            now - threading.CurrentValue.StickinessWindow, ct);

        var plans = new Placement?[batch.Count];
        var created = new List<(Guid Id, string? DisplayName)>();
        var names = new List<(Guid Id, string DisplayName)>();
        var links = new List<(string Channel, string Address, Guid CustomerId, string LinkKey)>();
        var opened = new List<NewConversation>();
        var chooser = new AgentChooser(agents, waitingInQueue, now);
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i];
            if (found[i].StoredIn is { } storedIn)
            {
                plans[i] = new Placement(storedIn, Guid.Empty, Stored: true, Opened: false);
                continue;
            }

            var (customerId, isNew) = (found[i].KnownCustomerId, found[i].LinkedCustomerId) switch
            {
                ({ } known, _) => (known, false),
                (null, { } linked) => (linked, false),
                _ => (Guid.CreateVersion7(now), true),
            };
            var decision = ThreadingRule.Decide(isNew ? null : found[i].Latest, now, threading.CurrentValue.ReopenWindow);
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
                plans[i] = new Placement(join.ConversationId, customerId, Stored: false, Opened: false);
                continue;
            }

            var conversationId = Guid.CreateVersion7(now);
            var routing = Routing(i, conversationId, ConversationTags.Evolve(null, incoming[i].Tags!, isNewest: true));
            var (agentId, reason) = chooser.ChooseBehindTheQueue(customerId, conversationId, NeedsOf(routing, message.Channel), routing.Target.Priority,
                found[i].PreviousAgentId);
            opened.Add(new NewConversation(conversationId, customerId, message.Channel, message.ChannelAccount, message.CustomerAddress, routing,
                agentId, reason));
            plans[i] = new Placement(conversationId, customerId, Stored: false, Opened: true);
        }

        var routed = Enumerable.Range(0, batch.Count).Where(i => plans[i] is { Stored: false }).ToList();
        var joined = routed.Where(i => !plans[i]!.Opened).ToList();
        var written = await batches.WriteAsync(tx, new BatchWrite(created, names, links, opened,
            [.. joined.Select(i => (plans[i]!.ConversationId, batch[i].ReceivedAt))],
            [.. routed.Select(i => (Guid.CreateVersion7(now), plans[i]!.ConversationId, incoming[i]))]), now, ct);
        Expect(written.Linked, links.Count, "addresses linked");
        Expect(written.Opened, opened.Count, "conversations opened");
        Expect(written.Locked.Count(c => c.Status != ConversationStatus.Resolved), joined.Count, "open conversations joined");
        Expect(written.MessagesStored, routed.Count, "messages stored");

        // A joined conversation's tags come from its locked row, so those waiting for an agent are decided after the
        // new ones, in arrival order; the new ones left them the room they take, since they are in the queue the batch
        // read. The two meet only when an agent's room freed in the moment before the queue's drain gave it out.
        var locked = written.Locked.ToDictionary(c => c.Id);
        var joinedRoutings = new List<CustomerMessageRouting>();
        var waiting = new List<(Guid ConversationId, Guid? AgentId, string? Team, string Reason)>();
        foreach (var i in joined)
        {
            var plan = plans[i]!;
            var state = locked[plan.ConversationId];
            var isNewest = !written.HavingNewerInbound.Contains(plan.ConversationId);
            var routing = Routing(i, plan.ConversationId, ConversationTags.Evolve(state.Tags, incoming[i].Tags!, isNewest));
            joinedRoutings.Add(routing);
            if (state.AssigneeId is null)
            {
                var (agentId, reason) = chooser.ChooseBehindTheQueue(plan.CustomerId, plan.ConversationId, NeedsOf(routing, batch[i].Channel),
                    routing.Target.Priority, found[i].PreviousAgentId);
                waiting.Add((plan.ConversationId, agentId, routing.Target.Team, reason));
            }
        }

        var shares = chooser.Shares();
        var finished = await batches.FinishAsync(tx, joinedRoutings, waiting, shares,
            [.. plans.OfType<Placement>().Select(p => p.ConversationId)], now, ct);
        Expect(finished.Claimed.Count, shares.Count, "agents' shares claimed");
        await tx.CommitAsync(ct);
        if (chooser.RoomForThoseWaiting)
        {
            await queue.DrainAsync(bus, ct);
        }

        return [.. plans.Select(p => p is null ? null : finished.Outcomes[p.ConversationId])];
    }

    private static ConversationNeeds NeedsOf(CustomerMessageRouting routing, string channel) =>
        new(routing.Target.Team, routing.Tags.Language, channel, routing.Weight, routing.Target.Skill);

    private static void Expect(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new DBConcurrencyException($"Another router changed the batch's rows meanwhile: {actual} of {expected} {what}.");
        }
    }

    /// <summary>Where a message of the batch goes. <c>Stored</c>: it was stored before (a redelivery); only its
    /// outcome is read.</summary>
    private sealed record Placement(Guid ConversationId, Guid CustomerId, bool Stored, bool Opened);

    // The policy chooses for each conversation without an agent, in memory, in the order it is asked (the batch asks in
    // arrival order, new conversations first), as one router taking them one by one would: each choice counts as load
    // and as the agent's latest assignment (a microsecond after the one before, for the longest-idle tie-break) and as
    // the customer's previous agent for their later conversations. The batch's last statement then claims every chosen
    // agent's share, locking the agents in id order; a share that no longer fits (another router got there first)
    // fails the batch.
    // Each is chosen for behind the conversations waiting ahead of it (QueueSelection.DecideBehindTheQueue): a new one
    // behind all of them, a waiting one the batch joins behind those before it in the queue.
    private sealed class AgentChooser(IReadOnlyList<AgentSnapshot> agents, IReadOnlyList<WaitingConversation> waiting, DateTimeOffset now)
    {
        private readonly List<AgentSnapshot> snapshot = [.. agents];

        // The queue as the batch leaves it: a waiting conversation it gives an agent is in the snapshot's loads now.
        private readonly List<WaitingConversation> stillWaiting = [.. waiting];
        private readonly Dictionary<Guid, Guid> chosenForCustomer = [];
        private readonly List<(Guid AgentId, decimal Weight, DateTimeOffset At)> chosen = [];

        /// <summary>Some conversation already waiting can take room now: the batch should start a drain.</summary>
        public bool RoomForThoseWaiting { get; private set; }

        public (Guid? AgentId, string Reason) ChooseBehindTheQueue(Guid customerId, Guid conversationId, ConversationNeeds needs, int priority,
            Guid? previousAgentId)
        {
            var previous = chosenForCustomer.TryGetValue(customerId, out var agentId) ? agentId : previousAgentId;
            var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue(snapshot, needs, QueuePlace.In(stillWaiting, conversationId, priority),
                previous, stillWaiting);
            RoomForThoseWaiting |= roomForThoseAhead;
            if (decision is not AssignmentDecision.Assign assign)
            {
                return (null, decision.Reason);
            }

            stillWaiting.RemoveAll(w => w.Id == conversationId);

            var at = now.AddTicks(chosen.Count * TimeSpan.TicksPerMicrosecond);
            chosen.Add((assign.AgentId, needs.Weight, at));
            chosenForCustomer[customerId] = assign.AgentId;
            var place = snapshot.FindIndex(a => a.Id == assign.AgentId);
            snapshot[place] = snapshot[place].Taking(needs.Weight) with { LastAssignedAt = at };
            return (assign.AgentId, assign.Reason);
        }

        public IReadOnlyList<(Guid AgentId, int Count, decimal Weight, DateTimeOffset LastAssignedAt)> Shares() =>
            [.. chosen.GroupBy(c => c.AgentId)
                .Select(g => (AgentId: g.Key, Count: g.Count(), Weight: g.Sum(c => c.Weight), LastAssignedAt: g.Max(c => c.At)))
                .OrderBy(s => s.AgentId)];
    }
}
