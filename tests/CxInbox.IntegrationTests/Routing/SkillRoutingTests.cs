using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>A routing table row that requires a skill sends its conversations only to agents who list that skill in
/// <c>POST /api/agents</c>, and the reason names who lacked it.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
// The message below is a complaint about a late delivery: the complaint row decides, and it asks for logistics.
public sealed class SkillRoutingTests(Engines engines) : HostPerTest(engines, "skills", new Dictionary<string, string?>
    {
        ["Routing:Table:Complaint:Team"] = "service",
        ["Routing:Table:Complaint:Priority"] = "10",
        ["Routing:Table:Complaint:Skill"] = "logistics",
    })
{
    [Test]
    public async Task A_conversation_whose_row_needs_a_skill_goes_to_the_agent_with_it_though_another_is_idle()
    {
        var billing = await AgentAsync("Bima", ["billing"]);
        var logistics = await AgentAsync("Rina", ["logistics"]);
        var customer = TwilioWebhooks.NewCustomerNumber();

        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Pesanan saya belum sampai, tolong dicek")));
        var assigned = await host.AssignedConversationAsync(customer);

        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(assigned!.Assignee!.Id, Is.EqualTo(logistics.Id));
        Assert.That(assigned.Assignee.Reason, Does.Contain($"{billing.Name} lacks the skill logistics"));
        Assert.That(assigned.Tags!.RoutingRule, Is.EqualTo("complaint → service, priority 10, skill logistics"));
    }

    private async Task<AgentJson> AgentAsync(string name, string[] skills)
    {
        using var created = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"{name} {Guid.NewGuid().ToString()[..6]}", skills, capacity = 5, status = "online" });
        return (await created.Content.ReadFromJsonAsync<AgentJson>())!;
    }
}
