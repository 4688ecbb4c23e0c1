using CxInbox.Routing.Assignment;
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
        from waiting in Gen.ArrayOf(Gen.Elements(Teams).Zip(Gen.Elements(1m, 0.5m, 0.3m)), waitingCount)
        select new Situation(
            [.. agents.Select((a, i) => new AgentSnapshot(new Guid(i + 1, 0, 0, new byte[8]), $"agent{i}", a.presence, a.open, a.capacity, null,
                a.team is null ? [] : [a.team]))],
            [.. waiting.Select(w => Waiting(w.Item1, w.Item2))]));

    private static WaitingConversation Waiting(string team, decimal weight = 1m) => new(Guid.NewGuid(), new ConversationNeeds(team, Weight: weight));

    private static AgentSnapshot Agent(string name, string? team, int open, int capacity) =>
        new(Guid.NewGuid(), name, AgentPresence.Online, open, capacity, null, team is null ? [] : [team]);
}
