using CxInbox.Routing.Assignment;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Sequences;

/// <summary>Random days in the contact centre: arrivals, waiting customers writing again, presence changes, resolutions,
/// replies, capacity changes (some before their drain) and rebalances, through the pure decisions, with conversations of
/// mixed channel weights. Capacity (the weights an agent holds) is never exceeded by an assignment or a move, every open
/// conversation is with an agent who is there and works for its team or waits (and waits only while nobody can take
/// it), none is lost, a conversation a customer writes to never takes room one waiting ahead of it could have had (even
/// in the moment before a drain), and after a rebalance no allowed move would even the team further.</summary>
public class RoutingSequenceTests
{
    private static readonly string?[] Teams = ["service", "sales", null];

    [Property(MaxTest = 500)]
    public Property Routing_keeps_its_promises_over_any_sequence_of_events() =>
        Prop.ForAll(Days, day =>
        {
            var model = new RoutingModel(day.Agents);
            for (var i = 0; i < day.Steps.Length; i++)
            {
                model.Apply(day.Steps[i], i);
            }

            Assert.That(model.Violations, Is.Empty, day.ToString());
        });

    internal sealed record Day((AgentPresence Presence, int Capacity, string[] Teams)[] Agents, RoutingStep[] Steps)
    {
        public override string ToString() =>
            $"agents: {string.Join("; ", Agents.Select((a, i) => $"agent{i} {a.Presence} cap {a.Capacity} [{string.Join(",", a.Teams)}]"))}\n"
            + $"steps: {string.Join("\n  ", Steps.Select((s, i) => $"{i}: {s}"))}";
    }

    private static readonly Gen<AgentPresence> Presence = Gen.Elements(AgentPresence.Online, AgentPresence.Online, AgentPresence.Away, AgentPresence.Offline);

    private static readonly Gen<(AgentPresence, int, string[])> AgentSpec =
        from presence in Presence
        from capacity in Gen.Choose(0, 4)
        from teams in Gen.Elements<string[]>([], ["service"], ["sales"], ["service", "sales"])
        select (presence, capacity, teams);

    // Mixed channels: an e-mail weighing half a chat, and an odd weight so that loads need not add up to whole slots.
    private static readonly Gen<decimal> Weights = Gen.Elements(1m, 1m, 0.5m, 0.3m);

    // Arrivals dominate so that queues and full agents are common; agent indexes beyond the roster are ignored steps.
    private static readonly Gen<RoutingStep> Step = Gen.Frequency(
        (6, from team in Gen.Elements(Teams) from priority in Gen.Elements(0, 0, 10) from weight in Weights
            select (RoutingStep)new RoutingStep.Arrive(team, priority, weight)),
        (2, from agent in Gen.Choose(0, 4) from presence in Presence select (RoutingStep)new RoutingStep.ChangePresence(agent, presence)),
        (2, Gen.Choose(0, 50).Select(pick => (RoutingStep)new RoutingStep.Resolve(pick))),
        (3, Gen.Choose(0, 50).Select(pick => (RoutingStep)new RoutingStep.Reply(pick))),
        (2, Gen.Choose(0, 50).Select(pick => (RoutingStep)new RoutingStep.WriteAgain(pick))),
        (1, from agent in Gen.Choose(0, 4) from capacity in Gen.Choose(0, 5) select (RoutingStep)new RoutingStep.ChangeCapacity(agent, capacity)),
        (2, from agent in Gen.Choose(0, 4) from capacity in Gen.Choose(1, 6) select (RoutingStep)new RoutingStep.RaiseCapacityBeforeTheDrain(agent, capacity)),
        (2, Gen.Elements("service", "sales").Select(team => (RoutingStep)new RoutingStep.Rebalance(team))),
        (1, Gen.Choose(1, 8).Select(minutes => (RoutingStep)new RoutingStep.Wait(minutes))));

    private static readonly Arbitrary<Day> Days = Arb.From(
        from agentCount in Gen.Choose(1, 5)
        from agents in Gen.ArrayOf(AgentSpec, agentCount)
        from stepCount in Gen.Choose(0, 60)
        from steps in Gen.ArrayOf(Step, stepCount)
        select new Day(agents, steps));
}
