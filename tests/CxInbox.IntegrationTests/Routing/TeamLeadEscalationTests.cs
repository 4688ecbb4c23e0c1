using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>No reply and nobody else with room: the conversation stays with its agent, escalates to the team's lead
/// (whose full capacity is not stretched), the history says why and the dashboard lists it.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class TeamLeadEscalationTests(Engines engines) : HostPerTest(engines, "escalation", new Dictionary<string, string?>
    {
        ["Routing:Sla:ReassignWithoutReplyAfter"] = "00:00:01",
        ["Routing:Sla:CheckInterval"] = "00:00:00.200",
    })
{
    [Test]
    public async Task An_unanswered_conversation_nobody_else_can_take_escalates_once_to_the_lead_and_stays_with_its_agent()
    {
        var silent = await ServiceAgentAsync("Sari", capacity: 5);
        var lead = await ServiceAgentAsync("Lina", capacity: 0);
        using var setLead = await host.Admin.PutAsJsonAsync("/api/teams/service/lead", new { agentId = lead.Id, reason = "Lina leads the morning shift" });
        var customer = TwilioWebhooks.NewCustomerNumber();

        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Pesanan saya belum sampai, tolong dicek")));
        var assigned = await host.AssignedConversationAsync(customer);
        var history = await Eventually.Until(() => host.Admin.GetStringAsync($"/api/conversations/{assigned!.Id}/assignments"),
            h => h.Contains("\"escalated\"", StringComparison.Ordinal), "the escalation in the history");
        await Task.Delay(TimeSpan.FromSeconds(1)); // several more rounds of the reassigner: it must not escalate again
        var historyLater = await host.Admin.GetStringAsync($"/api/conversations/{assigned!.Id}/assignments");
        var now = await host.FindConversationAsync(customer);
        var dashboard = await host.Admin.GetStringAsync("/api/supervision/dashboard");
        var audit = await host.Admin.GetStringAsync("/api/audit?action=team.lead-set");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(setLead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(assigned.Assignee!.Id, Is.EqualTo(silent.Id));
            Assert.That(now!.Assignee!.Id, Is.EqualTo(silent.Id), "it stays with its agent");
            Assert.That(history, Does.Contain($"escalated to team lead {lead.Name}; {silent.Name} keeps it"));
            Assert.That(Occurrences(historyLater, "\"escalated\""), Is.EqualTo(1), "once while this agent holds it");
            Assert.That(EscalationsIn(dashboard), Has.Some.Matches<JsonElement>(e =>
                e.GetProperty("conversationId").GetGuid() == assigned.Id && e.GetProperty("lead").GetProperty("id").GetGuid() == lead.Id));
            Assert.That(audit, Does.Contain("Lina leads the morning shift"));
        }
    }

    [Test]
    public async Task A_lead_must_exist_work_in_the_team_and_come_with_a_reason()
    {
        var sales = await host.Admin.PostAsJsonAsync("/api/agents", new { name = "Sam", teams = new[] { "sales" }, capacity = 2 });
        var salesAgent = (await sales.Content.ReadFromJsonAsync<AgentJson>())!;

        using var notInTeam = await host.Admin.PutAsJsonAsync("/api/teams/service/lead", new { agentId = salesAgent.Id, reason = "why not" });
        using var unknown = await host.Admin.PutAsJsonAsync("/api/teams/service/lead", new { agentId = Guid.NewGuid(), reason = "why not" });
        using var noReason = await host.Admin.PutAsJsonAsync("/api/teams/sales/lead", new { agentId = salesAgent.Id });
        using var cleared = await host.Admin.PutAsJsonAsync("/api/teams/sales/lead", new { agentId = (Guid?)null, reason = "no lead this week" });

        Assert.That((notInTeam.StatusCode, unknown.StatusCode, noReason.StatusCode, cleared.StatusCode),
            Is.EqualTo((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.OK)));
        Assert.That(await notInTeam.Content.ReadAsStringAsync(), Does.Contain("does not work in team 'service'"));
    }

    private async Task<AgentJson> ServiceAgentAsync(string name, int capacity)
    {
        using var created = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"{name} {Guid.NewGuid().ToString()[..6]}", teams = new[] { "service" }, capacity, status = "online" });
        return (await created.Content.ReadFromJsonAsync<AgentJson>())!;
    }

    private static int Occurrences(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static List<JsonElement> EscalationsIn(string dashboard) =>
        JsonDocument.Parse(dashboard).RootElement.GetProperty("escalations").EnumerateArray().Select(e => e.Clone()).ToList();
}
