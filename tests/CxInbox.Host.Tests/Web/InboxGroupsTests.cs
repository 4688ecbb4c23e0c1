using CxInbox.Web.Live;

namespace CxInbox.Host.Tests.Web;

/// <summary>Which hub groups a connection joins, and where an event about a conversation goes (the UI contract).</summary>
public sealed class InboxGroupsTests
{
    private static readonly Guid Ayu = Guid.Parse("0190b1a0-0000-7000-8000-000000000001");
    private static readonly Guid Budi = Guid.Parse("0190b1a0-0000-7000-8000-000000000002");

    [Test]
    public void An_agent_joins_their_own_group_and_their_teams_but_not_the_supervisors()
    {
        var groups = InboxGroups.For(new HubMember("agent", Ayu, ["service", "sales", "service", ""]));

        Assert.That(groups, Is.EqualTo(new[] { $"agent:{Ayu:D}", "team:service", "team:sales" }));
    }

    [TestCase("supervisor")]
    [TestCase("admin")]
    public void Supervisors_and_admins_join_the_supervisors_group(string role)
    {
        var groups = InboxGroups.For(new HubMember(role, null, ["service"]));

        Assert.That(groups, Is.EqualTo(new[] { "team:service", InboxGroups.Supervisors }));
    }

    [Test]
    public void A_conversation_event_goes_to_its_old_and_new_agent_once_each_its_team_and_the_supervisors()
    {
        var groups = InboxGroups.ForConversation([Ayu, null, Budi, Ayu], "service");

        Assert.That(groups, Is.EqualTo(new[] { $"agent:{Ayu:D}", $"agent:{Budi:D}", "team:service", InboxGroups.Supervisors }));
    }

    [Test]
    public void A_conversation_without_agent_or_team_still_reaches_the_supervisors()
    {
        Assert.That(InboxGroups.ForConversation([null], null), Is.EqualTo(new[] { InboxGroups.Supervisors }));
    }
}
