using CxInbox.Routing.Assignment;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Assignment;

/// <summary>A returning customer goes to the agent who served them, when that agent can take them.</summary>
public sealed class StickyAssignmentTests
{
    private static AgentSnapshot Agent(string name, int open, AgentPresence presence = AgentPresence.Online, int capacity = 5, params string[] teams) =>
        new(Guid.NewGuid(), name, presence, open, capacity, null, teams);

    [Test]
    public void The_previous_agent_gets_the_customer_even_when_someone_else_is_less_loaded()
    {
        var known = Agent("Ayu", open: 3);
        var idle = Agent("Budi", open: 0);

        var decision = AssignmentPolicy.Decide([known, idle], previousAgentId: known.Id);

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(known.Id));
        Assert.That(decision.Reason, Does.StartWith("returning customer: Ayu served them before"));
    }

    [TestCase(AgentPresence.Away, 1, 5, "is away")]
    [TestCase(AgentPresence.Offline, 1, 5, "is offline")]
    [TestCase(AgentPresence.Online, 5, 5, "is full")]
    public void An_unavailable_previous_agent_is_passed_over_and_the_reason_says_why(AgentPresence presence, int open, int capacity, string why)
    {
        var known = Agent("Ayu", open, presence, capacity);
        var other = Agent("Budi", open: 4);

        var decision = AssignmentPolicy.Decide([known, other], previousAgentId: known.Id);

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(other.Id));
        Assert.That(decision.Reason, Does.Contain($"Ayu, who served them before, {why}"));
    }

    [Test]
    public void The_previous_agent_outside_the_conversations_team_is_passed_over()
    {
        var salesAgent = Agent("Ayu", 0, teams: "sales");
        var serviceAgent = Agent("Budi", 4, teams: "service");

        var decision = AssignmentPolicy.Decide([salesAgent, serviceAgent], "service", salesAgent.Id);

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(serviceAgent.Id));
        Assert.That(decision.Reason, Does.Contain("Ayu, who served them before, is not in service"));
    }

    [Test]
    public void A_previous_agent_who_no_longer_exists_changes_nothing()
    {
        var ann = Agent("Ann", 2);
        var bob = Agent("Bob", 1);

        var decision = AssignmentPolicy.Decide([ann, bob], previousAgentId: Guid.NewGuid());

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(bob.Id));
        Assert.That(decision.Reason, Does.Not.Contain("served them before"));
    }

    [Property]
    public Property Stickiness_never_exceeds_capacity_nor_picks_an_absent_agent() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(
                from presence in Gen.Elements(AgentPresence.Offline, AgentPresence.Away, AgentPresence.Online)
                from open in Gen.Choose(0, 4)
                from capacity in Gen.Choose(0, 4)
                select Agent("a", open, presence, capacity)).Where(a => a.Length > 0)),
            Arb.From(Gen.Choose(0, 100)),
            (agents, pick) =>
            {
                var previous = agents[pick % agents.Length];
                var decision = AssignmentPolicy.Decide(agents, previousAgentId: previous.Id);
                var previousEligible = previous.Presence == AgentPresence.Online && previous.OpenConversations < previous.Capacity;
                return decision switch
                {
                    AssignmentDecision.Assign assign =>
                        agents.Single(a => a.Id == assign.AgentId) is { Presence: AgentPresence.Online } chosen
                        && chosen.OpenConversations < chosen.Capacity
                        && (!previousEligible || assign.AgentId == previous.Id),
                    _ => !previousEligible,
                };
            });
}
