using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Tests.Assignment;

public sealed class TeamAssignmentTests
{
    private static AgentSnapshot Agent(string name, int open, params string[] teams) =>
        new(Guid.NewGuid(), name, AgentPresence.Online, open, 5, null, teams);

    [Test]
    public void Only_agents_of_the_conversations_team_or_of_no_team_are_eligible()
    {
        var sales = Agent("Budi", 0, "sales");
        var service = Agent("Ayu", 3, "service");

        var decision = AssignmentPolicy.Decide([sales, service], "service");

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(service.Id));
        Assert.That(decision.Reason, Does.Contain("Budi is not in service"));
    }

    [Test]
    public void An_agent_without_teams_takes_any_teams_work()
    {
        var generalist = Agent("Chloe", 1);

        var decision = AssignmentPolicy.Decide([generalist, Agent("Budi", 0, "sales")], "service");

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(generalist.Id));
    }

    [Test]
    public void When_no_agent_of_the_team_has_room_the_conversation_waits_and_says_for_which_team()
    {
        var decision = AssignmentPolicy.Decide([Agent("Budi", 0, "sales")], "service");

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Wait>());
        Assert.That(decision.Reason, Does.Contain("no online service agent"));
    }
}
