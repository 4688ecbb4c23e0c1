using CxInbox.Routing.Assignment;
using CxInbox.Routing.Tagging;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Assignment;

/// <summary>A drain tries the waiting conversations someone with room may take, in queue order, never more than
/// there is room for; a conversation nobody can take does not hold up the ones behind it.</summary>
public sealed class QueueSelectionTests
{
    private static readonly string[] Teams = ["service", "sales"];

    [Test]
    public void A_sales_conversation_behind_fifty_for_a_full_service_team_is_tried_when_a_sales_agent_has_room()
    {
        var service = Agent("Sam", "service", open: 3, capacity: 3);
        var sales = Agent("Sally", "sales", open: 0, capacity: 1);
        var waiting = Enumerable.Range(0, 50).Select(_ => Waiting("service")).Append(Waiting("sales")).ToList();

        var candidates = QueueSelection.Candidates(waiting, [service, sales]);

        Assert.That(candidates, Is.EqualTo(new[] { waiting[^1] }));
    }

    [Test]
    public void Candidates_keep_the_queue_order_and_stop_at_the_room_there_is()
    {
        var agent = Agent("Ann", null, open: 1, capacity: 3);
        var waiting = Enumerable.Range(0, 5).Select(_ => Waiting("service")).ToList();

        var candidates = QueueSelection.Candidates(waiting, [agent]);

        Assert.That(candidates, Is.EqualTo(waiting.Take(2)));
    }

    [Test]
    public void Nobody_online_means_nothing_to_try()
    {
        var away = Agent("Ann", null, open: 0, capacity: 3) with { Presence = AgentPresence.Away };

        Assert.That(QueueSelection.Candidates([Waiting("service")], [away]), Is.Empty);
        Assert.That(QueueSelection.FreeRoom([away]), Is.Zero);
    }

    [Test]
    public void Two_half_weight_emails_fit_where_one_chat_does()
    {
        var agent = Agent("Ann", null, open: 2, capacity: 3);
        var waiting = new[] { Waiting("service", 0.5m), Waiting("service", 0.5m), Waiting("service", 0.5m) };

        var candidates = QueueSelection.Candidates(waiting, [agent]);

        Assert.That(candidates, Is.EqualTo(waiting.Take(2)));
    }

    [Test]
    public void A_new_conversation_leaves_the_room_to_one_waiting_ahead_of_it_and_waits_behind_it()
    {
        var agent = Agent("Ann", null, open: 1, capacity: 2);

        var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue([agent], new ConversationNeeds("service"), Newcomer(Priorities.Normal), null,
            [Waiting("service")]);

        Assert.That(decision, Is.EqualTo(new AssignmentDecision.Wait("behind the queue: 1 conversation waiting ahead of it takes the room there is")));
        Assert.That(roomForThoseAhead, Is.True, "the one ahead can take the room now: a drain should run");
    }

    [Test]
    public void A_new_complaint_goes_ahead_of_those_waiting_with_a_lower_priority()
    {
        var agent = Agent("Ann", null, open: 1, capacity: 2);

        var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue([agent], new ConversationNeeds("service"), Newcomer(Priorities.High), null,
            [Waiting("service"), Waiting("service")]);

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>());
        Assert.That(decision.Reason, Does.Not.Contain("waiting ahead"));
        Assert.That(roomForThoseAhead, Is.False);
    }

    [Test]
    public void With_room_for_those_ahead_and_for_it_the_new_conversation_is_assigned_and_its_reason_counts_them()
    {
        var busy = Agent("Ann", null, open: 1, capacity: 2);
        var free = Agent("Budi", null, open: 0, capacity: 1);

        var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue([busy, free], new ConversationNeeds("service"), Newcomer(Priorities.Normal), null,
            [Waiting("service")]);

        // The one waiting takes Budi's room (the least loaded), so the new one gets Ann's.
        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>());
        Assert.That(((AssignmentDecision.Assign)decision).AgentId, Is.EqualTo(busy.Id));
        Assert.That(decision.Reason, Does.EndWith("; counting the room 1 conversation waiting ahead of it takes"));
        Assert.That(roomForThoseAhead, Is.True);
    }

    [Test]
    public void A_conversation_waiting_for_a_team_nobody_with_room_works_in_does_not_hold_up_a_new_one()
    {
        var service = Agent("Sam", "service", open: 0, capacity: 1);

        var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue([service], new ConversationNeeds("service"), Newcomer(Priorities.Normal), null,
            [Waiting("sales")]);

        Assert.That(decision, Is.EqualTo(AssignmentPolicy.Decide([service], new ConversationNeeds("service"))));
        Assert.That(roomForThoseAhead, Is.False);
    }

    [Test]
    public void A_waiting_customer_who_writes_again_takes_room_only_behind_those_waiting_longer()
    {
        var agent = Agent("Ann", null, open: 1, capacity: 2);
        var (longer, shorter) = (Waiting("service"), Waiting("service"));
        IReadOnlyList<WaitingConversation> queue = [longer, shorter];

        var (again, _) = QueueSelection.DecideBehindTheQueue([agent], shorter.Needs, QueuePlace.In(queue, shorter.Id, Priorities.Normal), null, queue);
        var (first, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue([agent], longer.Needs, QueuePlace.In(queue, longer.Id, Priorities.Normal), null,
            queue);

        Assert.That(again, Is.InstanceOf<AssignmentDecision.Wait>());
        Assert.That(first, Is.EqualTo(AssignmentPolicy.Decide([agent], longer.Needs)), "nobody waits ahead of the one waiting longest");
        Assert.That(roomForThoseAhead, Is.False);
    }

    [Property]
    public Property Behind_the_queue_a_new_conversation_changes_its_decision_only_for_those_ahead_of_it_who_can_take_room() =>
        Prop.ForAll(Situations, Arb.From(Gen.Elements(Priorities.Normal, Priorities.High)), (s, priority) =>
        {
            var needs = new ConversationNeeds("service");
            var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue(s.Agents, needs, Newcomer(priority), null, s.Waiting);
            var servedAhead = QueueSelection.Candidates([.. s.Waiting.Where(w => w.Priority >= priority)], s.Agents).Count;
            var alone = AssignmentPolicy.Decide(s.Agents, needs);
            return roomForThoseAhead == servedAhead > 0
                // Nobody waiting ahead of it can take room (those behind it never count): the queue changes nothing.
                && (servedAhead > 0 || decision == alone)
                // It waits only where it would wait anyway, or behind those ahead of it.
                && (decision is AssignmentDecision.Assign || alone is AssignmentDecision.Wait || decision.Reason.StartsWith("behind the queue", StringComparison.Ordinal));
        });

    [Property]
    public Property Never_more_candidates_than_room_and_each_in_queue_order() =>
        Prop.ForAll(Situations, s =>
        {
            var candidates = QueueSelection.Candidates(s.Waiting, s.Agents);
            var positions = candidates.Select(c => s.Waiting.ToList().IndexOf(c)).ToList();
            return candidates.Sum(c => c.Needs.Weight) <= QueueSelection.FreeRoom(s.Agents) && positions.SequenceEqual(positions.Order());
        });

    [Property]
    public Property A_conversation_passed_over_could_not_have_been_given_to_anyone_left_with_room() =>
        Prop.ForAll(Situations, s =>
        {
            var candidates = QueueSelection.Candidates(s.Waiting, s.Agents).ToHashSet();
            // Replay the picks on the agents; at each one passed over, nobody left with room may take it.
            var model = s.Agents.ToList();
            foreach (var conversation in s.Waiting)
            {
                var decision = AssignmentPolicy.Decide(model, conversation.Needs);
                if (candidates.Contains(conversation) != decision is AssignmentDecision.Assign && QueueSelection.FreeRoom(model) > 0)
                {
                    return false;
                }

                if (candidates.Contains(conversation) && decision is AssignmentDecision.Assign assign)
                {
                    var i = model.FindIndex(a => a.Id == assign.AgentId);
                    model[i] = model[i] with { OpenConversations = model[i].OpenConversations + 1, Load = model[i].Load + conversation.Needs.Weight };
                }
            }

            return true;
        });

    private sealed record Situation(AgentSnapshot[] Agents, WaitingConversation[] Waiting)
    {
        public override string ToString() =>
            $"agents: {string.Join("; ", Agents.Select(a => $"{a.Presence} {a.OpenConversations}/{a.Capacity} {string.Join(',', a.Teams ?? [])}"))}; " +
            $"waiting: {string.Join(", ", Waiting.Select(w => $"{w.Needs.Team} {w.Needs.Weight}"))}";
    }

    private static readonly Arbitrary<Situation> Situations = Arb.From(
        from agentCount in Gen.Choose(0, 4)
        from agents in Gen.ArrayOf(
            from presence in Gen.Elements(AgentPresence.Online, AgentPresence.Online, AgentPresence.Away)
            from capacity in Gen.Choose(0, 4)
            from open in Gen.Choose(0, 5)
            from team in Gen.Elements<string?>(null, "service", "sales")
            select (presence, capacity, open, team), agentCount)
        from waitingCount in Gen.Choose(0, 12)
        from waiting in Gen.ArrayOf(
            from team in Gen.Elements(Teams)
            from weight in Gen.Elements(1m, 0.5m, 0.3m)
            from priority in Gen.Elements(Priorities.Normal, Priorities.High)
            select (team, weight, priority), waitingCount)
        select new Situation(
            [.. agents.Select((a, i) => new AgentSnapshot(new Guid(i + 1, 0, 0, new byte[8]), $"agent{i}", a.presence, a.open, a.capacity, null,
                a.team is null ? [] : [a.team]))],
            [.. waiting.OrderByDescending(w => w.priority).Select(w => Waiting(w.team, w.weight, w.priority))]));

    private static readonly DateTimeOffset Opening = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private static int created;

    // Each one younger than the one made before it.
    private static WaitingConversation Waiting(string team, decimal weight = 1m, int priority = Priorities.Normal) =>
        new(Guid.NewGuid(), new ConversationNeeds(team, Weight: weight), priority, Opening.AddSeconds(Interlocked.Increment(ref created)));

    private static QueuePlace Newcomer(int priority) => new(Guid.NewGuid(), priority, DateTimeOffset.MaxValue);

    private static AgentSnapshot Agent(string name, string? team, int open, int capacity) =>
        new(Guid.NewGuid(), name, AgentPresence.Online, open, capacity, null, team is null ? [] : [team]);
}
