using CxInbox.Routing.Assignment;
using CxInbox.Routing.Tagging;

namespace CxInbox.Routing.Tests.Assignment;

/// <summary>A routing table row may require a skill; only agents who list it (or list no skills at all) take those
/// conversations.</summary>
public sealed class SkillEligibilityTests
{
    private static AgentSnapshot Agent(string name, int open = 0, string[]? skills = null) =>
        new(Guid.NewGuid(), name, AgentPresence.Online, open, 5, null, Skills: skills);

    [Test]
    public void A_conversation_that_needs_a_skill_goes_to_the_agent_who_has_it_though_another_is_less_loaded()
    {
        var billing = Agent("Bima", open: 0, skills: ["billing"]);
        var returns = Agent("Rina", open: 3, skills: ["billing", "Returns"]);

        var decision = AssignmentPolicy.Decide([billing, returns], new ConversationNeeds("service", Skill: "returns"));

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(returns.Id));
        Assert.That(decision.Reason, Does.Contain("Bima lacks the skill returns"));
    }

    [Test]
    public void It_waits_when_nobody_has_the_skill_and_an_agent_who_lists_no_skills_takes_anything()
    {
        var billing = Agent("Bima", skills: ["billing"]);

        var waits = AssignmentPolicy.Decide([billing], new ConversationNeeds(Skill: "returns"));
        var anyone = Agent("Ayu").Mismatch(new ConversationNeeds(Skill: "returns"));

        Assert.That(waits, Is.InstanceOf<AssignmentDecision.Wait>());
        Assert.That(waits.Reason, Does.Contain("Bima lacks the skill returns"));
        Assert.That(anyone, Is.Null);
    }

    [Test]
    public void A_routing_table_row_can_require_a_skill_and_names_it_in_its_rule()
    {
        var options = new RoutingTableOptions { Stages = { ["return"] = new RouteOptions { Team = "service", Skill = " returns " } } };

        var target = options.ToTable().Decide(new ConversationTags("return", false, false, "id", false));

        Assert.That((target.Team, target.Skill, target.Rule), Is.EqualTo(("service", "returns", "stage return → service, skill returns")));
        Assert.That(RoutingTable.Default.Decide(new ConversationTags("return", false, false, "id", false)).Skill, Is.Null);
    }
}
