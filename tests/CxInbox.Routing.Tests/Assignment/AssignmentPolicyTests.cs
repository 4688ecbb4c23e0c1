using CxInbox.Routing.Assignment;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Assignment;

public class AssignmentPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Picks_the_least_loaded_online_agent()
    {
        var ann = Agent("Ann", open: 2);
        var bob = Agent("Bob", open: 1);
        var cat = Agent("Cat", open: 3);

        var decision = AssignmentPolicy.Decide([ann, bob, cat]);

        Assert.That(AssignedAgent(decision), Is.EqualTo(bob.Id));
    }

    [Test]
    public void Tie_on_load_goes_to_the_agent_idle_longest()
    {
        var ann = Agent("Ann", open: 1, lastAssignedAt: Now.AddMinutes(-5));
        var bob = Agent("Bob", open: 1, lastAssignedAt: Now.AddMinutes(-30));
        var cat = Agent("Cat", open: 1, lastAssignedAt: Now.AddMinutes(-10));

        var decision = AssignmentPolicy.Decide([ann, bob, cat]);

        Assert.That(AssignedAgent(decision), Is.EqualTo(bob.Id));
    }

    [Test]
    public void Never_assigned_agent_counts_as_idle_longest()
    {
        var ann = Agent("Ann", open: 1, lastAssignedAt: Now.AddDays(-30));
        var bob = Agent("Bob", open: 1, lastAssignedAt: null);

        var decision = AssignmentPolicy.Decide([ann, bob]);

        Assert.That(AssignedAgent(decision), Is.EqualTo(bob.Id));
    }

    [Test]
    public void Idle_time_does_not_outweigh_load()
    {
        var ann = Agent("Ann", open: 2, lastAssignedAt: null);
        var bob = Agent("Bob", open: 1, lastAssignedAt: Now);

        var decision = AssignmentPolicy.Decide([ann, bob]);

        Assert.That(AssignedAgent(decision), Is.EqualTo(bob.Id));
    }

    [Test]
    public void Away_and_offline_agents_are_never_picked_even_when_idle()
    {
        var ann = Agent("Ann", AgentPresence.Away, open: 0);
        var bob = Agent("Bob", AgentPresence.Offline, open: 0);
        var cat = Agent("Cat", open: 4, capacity: 5, lastAssignedAt: Now);

        var decision = AssignmentPolicy.Decide([ann, bob, cat]);

        Assert.That(AssignedAgent(decision), Is.EqualTo(cat.Id));
    }

    [Test]
    public void Full_agent_is_never_picked_even_with_the_lowest_load()
    {
        var ann = Agent("Ann", open: 2, capacity: 2);
        var bob = Agent("Bob", open: 3, capacity: 6);

        var decision = AssignmentPolicy.Decide([ann, bob]);

        Assert.That(AssignedAgent(decision), Is.EqualTo(bob.Id));
    }

    [Test]
    public void Reason_of_an_assignment_names_the_chosen_agent_and_those_passed_over()
    {
        var ann = Agent("Ann", open: 2);
        var bob = Agent("Bob", open: 1);
        var cat = Agent("Cat", AgentPresence.Away);

        var decision = AssignmentPolicy.Decide([ann, bob, cat]);

        Assert.That(decision.Reason, Does.Contain("Bob").And.Contain("Ann").And.Contain("Cat"));
    }

    [Test]
    public void Reason_says_when_a_load_passed_over_counts_a_conversation_another_router_is_giving_that_agent()
    {
        var ann = Agent("Ann", open: 1, capacity: 10).BeingClaimed(1m);
        var bob = Agent("Bob", open: 1, capacity: 10);

        var decision = AssignmentPolicy.Decide([ann, bob]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(AssignedAgent(decision), Is.EqualTo(bob.Id));
            Assert.That(decision.Reason, Does.EndWith("passed over: Ann has 2/10 counting a conversation another router is giving them"));
        }
    }

    [Test]
    public void Waits_naming_why_each_agent_is_not_eligible()
    {
        var ann = Agent("Ann", AgentPresence.Away);
        var bob = Agent("Bob", open: 3, capacity: 3);
        var cat = Agent("Cat", AgentPresence.Offline);

        var decision = AssignmentPolicy.Decide([ann, bob, cat]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision, Is.TypeOf<AssignmentDecision.Wait>());
            Assert.That(decision.Reason, Does.Contain("Ann is away").And.Contain("Bob is full at 3/3").And.Contain("Cat is offline"));
        }
    }

    [Test]
    public void Waits_when_no_agents_exist()
    {
        var decision = AssignmentPolicy.Decide([]);

        Assert.That(decision, Is.EqualTo(new AssignmentDecision.Wait("no agents exist")));
    }

    [Property]
    public Property Chosen_agent_is_online_and_below_capacity() =>
        Prop.ForAll(Teams, team =>
            AssignmentPolicy.Decide(team) is not AssignmentDecision.Assign assign
            || IsEligible(team.Single(a => a.Id == assign.AgentId)));

    [Property]
    public Property No_eligible_agent_has_a_lower_load_than_the_chosen_one() =>
        Prop.ForAll(Teams, team =>
        {
            if (AssignmentPolicy.Decide(team) is not AssignmentDecision.Assign assign)
            {
                return true;
            }

            var chosen = team.Single(a => a.Id == assign.AgentId);
            return team.Where(IsEligible).All(a => a.OpenConversations >= chosen.OpenConversations);
        });

    [Property]
    public Property Among_the_least_loaded_the_chosen_agent_has_been_idle_longest() =>
        Prop.ForAll(Teams, team =>
        {
            if (AssignmentPolicy.Decide(team) is not AssignmentDecision.Assign assign)
            {
                return true;
            }

            var chosen = team.Single(a => a.Id == assign.AgentId);
            return team.Where(a => IsEligible(a) && a.OpenConversations == chosen.OpenConversations)
                .All(a => chosen.LastAssignedAt is null || (a.LastAssignedAt is { } last && last >= chosen.LastAssignedAt));
        });

    [Property]
    public Property Waits_only_when_no_online_agent_has_free_capacity() =>
        Prop.ForAll(Teams, team =>
            AssignmentPolicy.Decide(team) is AssignmentDecision.Wait == !team.Any(IsEligible));

    // An agent is a small tuple (presence, open conversations, capacity, minutes since the last assignment where 0
    // means never assigned). The ranges are small so that ties, full agents and capacity 0 come up often, yet wide
    // enough that ranking by load and ranking by load/capacity disagree. Failing teams shrink by dropping agents.
    private static readonly Gen<(AgentPresence Presence, int Open, int Capacity, int IdleMinutes)> AgentSpec =
        from presence in Gen.Elements(AgentPresence.Offline, AgentPresence.Away, AgentPresence.Online)
        from open in Gen.Choose(0, 8)
        from capacity in Gen.Choose(0, 8)
        from idleMinutes in Gen.Choose(0, 3)
        select (presence, open, capacity, idleMinutes);

    private static readonly Arbitrary<AgentSnapshot[]> Teams = Arb.From(
        Gen.ArrayOf(AgentSpec).Select(specs => specs.Select((s, i) => new AgentSnapshot(
            new Guid(i, 0, 0, new byte[8]), $"agent{i}", s.Presence, s.Open, s.Capacity,
            s.IdleMinutes == 0 ? null : Now.AddMinutes(-s.IdleMinutes))).ToArray()),
        team => Enumerable.Range(0, team.Length).Select(drop => team.Where((_, i) => i != drop).ToArray()));

    private static bool IsEligible(AgentSnapshot agent) =>
        agent.Presence == AgentPresence.Online && agent.OpenConversations < agent.Capacity;

    private static AgentSnapshot Agent(string name, AgentPresence presence = AgentPresence.Online, int open = 0,
        int capacity = 5, DateTimeOffset? lastAssignedAt = null) =>
        new(Guid.NewGuid(), name, presence, open, capacity, lastAssignedAt);

    private static Guid AssignedAgent(AssignmentDecision decision)
    {
        Assert.That(decision, Is.TypeOf<AssignmentDecision.Assign>(), decision.Reason);
        return ((AssignmentDecision.Assign)decision).AgentId;
    }
}
