using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Data.Conversations;

namespace CxInbox.Host.Tests.Auth;

/// <summary>Claims to visibility: the half of the scoping decision that needs no database.</summary>
public sealed class ConversationVisibilityTests
{
    private static readonly Guid AgentId = Guid.NewGuid();

    [Test]
    public void An_admin_person_or_key_sees_everything() =>
        Assert.That(ConversationAccess.VisibilityOf(Principal(CxInboxRoles.Admin)), Is.EqualTo(ConversationVisibility.Everything));

    [Test]
    public void A_supervisor_sees_the_teams_of_their_claims_and_nothing_as_an_agent()
    {
        var visibility = ConversationAccess.VisibilityOf(Principal(CxInboxRoles.Supervisor, teams: ["service", "sales"]));

        Assert.That(visibility.All, Is.False);
        Assert.That(visibility.AgentId, Is.Null);
        Assert.That(visibility.SupervisedTeams, Is.EqualTo(new[] { "service", "sales" }));
    }

    [Test]
    public void An_agent_sees_as_their_agent_and_their_team_claims_do_not_make_them_a_supervisor()
    {
        var visibility = ConversationAccess.VisibilityOf(Principal(CxInboxRoles.Agent, AgentId, ["service"]));

        Assert.That(visibility, Is.EqualTo(ConversationVisibility.OfAgent(AgentId)).Using<ConversationVisibility>((a, b) =>
            a.All == b.All && a.AgentId == b.AgentId && a.SupervisedTeams.SequenceEqual(b.SupervisedTeams)));
    }

    [TestCase(CxInboxRoles.Integrator)]
    [TestCase(CxInboxRoles.Agent)]
    public void An_integrator_key_or_an_agent_without_an_agent_sees_nothing(string role) =>
        Assert.That(ConversationAccess.VisibilityOf(Principal(role)), Is.EqualTo(ConversationVisibility.Nothing));

    [Test]
    public void Only_admins_and_the_supervisors_of_a_team_may_rebalance_it()
    {
        Assert.That(ConversationAccess.MaySuperviseTeam(Principal(CxInboxRoles.Admin), "sales"), Is.True);
        Assert.That(ConversationAccess.MaySuperviseTeam(Principal(CxInboxRoles.Supervisor, teams: ["service"]), "Service"), Is.True);
        Assert.That(ConversationAccess.MaySuperviseTeam(Principal(CxInboxRoles.Supervisor, teams: ["service"]), "sales"), Is.False);
        Assert.That(ConversationAccess.MaySuperviseTeam(Principal(CxInboxRoles.Agent, AgentId, ["sales"]), "sales"), Is.False);
    }

    [Test]
    public void An_agent_manages_only_themselves_a_supervisor_their_teams_agents_and_agents_of_no_team()
    {
        Assert.That(ConversationAccess.MayManageAgent(Principal(CxInboxRoles.Agent, AgentId), AgentId, ["service"]), Is.True);
        Assert.That(ConversationAccess.MayManageAgent(Principal(CxInboxRoles.Agent, AgentId), Guid.NewGuid(), ["service"]), Is.False);
        Assert.That(ConversationAccess.MayManageAgent(Principal(CxInboxRoles.Supervisor, teams: ["service"]), AgentId, ["sales", "service"]), Is.True);
        Assert.That(ConversationAccess.MayManageAgent(Principal(CxInboxRoles.Supervisor, teams: ["service"]), AgentId, []), Is.True);
        Assert.That(ConversationAccess.MayManageAgent(Principal(CxInboxRoles.Supervisor, teams: ["service"]), AgentId, ["sales"]), Is.False);
        Assert.That(ConversationAccess.MayManageAgent(Principal(CxInboxRoles.Admin), AgentId, ["sales"]), Is.True);
    }

    private static ClaimsPrincipal Principal(string role, Guid? agentId = null, string[]? teams = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone"), new(ClaimTypes.Role, role) };
        if (agentId is { } id)
        {
            claims.Add(new Claim(CxInboxClaims.AgentId, id.ToString()));
        }

        claims.AddRange((teams ?? []).Select(t => new Claim(CxInboxClaims.Team, t)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", ClaimTypes.Name, ClaimTypes.Role));
    }
}
