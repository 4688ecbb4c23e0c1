using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Auth;

/// <summary>Who sees which conversation: an agent theirs and their teams' queue, a supervisor their teams', an admin
/// all. One conversation is with agent A (capacity 1), the next waits in the service queue.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ConversationScopeTests
{
    private HostUnderTest host = null!;
    private (AgentJson Agent, HttpClient Client) agentA;
    private (AgentJson Agent, HttpClient Client) serviceColleague;
    private (AgentJson Agent, HttpClient Client) salesAgent;
    private HttpClient serviceSupervisor = null!;
    private HttpClient salesSupervisor = null!;
    private ConversationJson assigned = null!;
    private ConversationJson queued = null!;

    [OneTimeSetUp]
    public async Task StartHostWithOneAssignedAndOneQueuedConversation()
    {
        // Every message goes to team service, whatever the classifier makes of it.
        var everythingToService = new Dictionary<string, string?>
        {
            ["Routing:Table:Complaint:Team"] = "service",
            ["Routing:Table:SalesOpportunity:Team"] = "service",
        };
        foreach (var stage in new[] { "insight", "promotion", "transaction", "delivery", "support", "return" })
        {
            everythingToService[$"Routing:Table:Stages:{stage}:Team"] = "service";
        }

        host = await HostUnderTest.StartAsync(Engines.RealServices, "scope", everythingToService);
        var a = await SignedInAgentAsync("online", 1, "service");
        agentA = a;
        serviceColleague = await SignedInAgentAsync("offline", 5, "service");
        salesAgent = await SignedInAgentAsync("offline", 5, "sales");
        serviceSupervisor = await host.SignInAsync((await host.CreateUserAsync("supervisor", teams: ["service"])).Username);
        salesSupervisor = await host.SignInAsync((await host.CreateUserAsync("supervisor", teams: ["sales"])).Username);

        var first = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(first, "Where is my parcel? It has not arrived."))))
        {
            assigned = (await host.AssignedConversationAsync(first))!;
        }

        var second = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(second, "My parcel is late too."))))
        {
            queued = (await Eventually.Until(() => host.FindConversationAsync(second), c => c?.QueuedReason is not null, "the second conversation queued"))!;
        }

        Assert.That(assigned.Assignee!.Id, Is.EqualTo(agentA.Agent.Id));
        Assert.That(queued.Assignee, Is.Null);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        foreach (var client in new[] { agentA.Client, serviceColleague.Client, salesAgent.Client, serviceSupervisor, salesSupervisor })
        {
            client?.Dispose();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task An_agent_gets_403_on_another_agents_conversation_for_reading_acting_and_its_customer()
    {
        var them = serviceColleague.Client;
        var id = assigned.Id;

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["read"] = await them.GetAsync($"/api/conversations/{id}"),
            ["resolve"] = await them.PostAsync($"/api/conversations/{id}/resolve", null),
            ["reply"] = await them.PostAsJsonAsync($"/api/conversations/{id}/replies", new { text = "Hello from someone else" }),
            ["tags"] = await them.PutAsJsonAsync($"/api/conversations/{id}/tags", new { complaint = true }),
            ["customer"] = await them.GetAsync($"/api/customers/{assigned.Customer.Id}"),
            ["history"] = await them.GetAsync($"/api/customers/{assigned.Customer.Id}/history"),
        };
        using var own = await agentA.Client.GetAsync($"/api/conversations/{id}");
        using var ownCustomer = await agentA.Client.GetAsync($"/api/customers/{assigned.Customer.Id}/history");
        var stillOpen = await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{id}");

        foreach (var (what, response) in answers)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), what);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), what);
            response.Dispose();
        }

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ownCustomer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stillOpen!.Status, Is.EqualTo("open"));
        Assert.That(stillOpen.Messages!.Count(m => m.Direction == "outbound"), Is.Zero);
    }

    [Test]
    public async Task An_agent_sees_a_conversation_waiting_in_their_teams_queue_but_not_in_another_teams()
    {
        using var colleague = await serviceColleague.Client.GetAsync($"/api/conversations/{queued.Id}");
        using var sales = await salesAgent.Client.GetAsync($"/api/conversations/{queued.Id}");

        Assert.That(colleague.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sales.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Lists_hold_only_what_the_caller_may_see()
    {
        var ids = new[] { assigned.Id, queued.Id };

        Assert.That(await ListedAsync(agentA.Client, ids), Is.EquivalentTo(ids));
        Assert.That(await ListedAsync(serviceColleague.Client, ids), Is.EquivalentTo(new[] { queued.Id }));
        Assert.That(await ListedAsync(salesAgent.Client, ids), Is.Empty);
        Assert.That(await ListedAsync(serviceSupervisor, ids), Is.EquivalentTo(ids));
        Assert.That(await ListedAsync(salesSupervisor, ids), Is.Empty);
        Assert.That(await ListedAsync(host.Admin, ids), Is.EquivalentTo(ids));
    }

    [Test]
    public async Task A_supervisor_sees_their_teams_conversations_only_and_rebalances_only_their_teams()
    {
        using var own = await serviceSupervisor.GetAsync($"/api/conversations/{assigned.Id}/assignments");
        using var other = await salesSupervisor.GetAsync($"/api/conversations/{assigned.Id}");
        using var otherTeam = await salesSupervisor.PostAsync("/api/teams/service/rebalance?preview=true", null);

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(otherTeam.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_supervisor_moves_work_only_to_the_agents_and_queues_of_their_teams()
    {
        var onlineSalesAgent = await SignedInAgentAsync("online", 5, "sales");
        onlineSalesAgent.Client.Dispose();

        using var toOtherAgent = await serviceSupervisor.PostAsJsonAsync($"/api/conversations/{queued.Id}/move",
            new { agentId = onlineSalesAgent.Agent.Id, reason = "sales has room" });
        using var toOtherQueue = await serviceSupervisor.PostAsJsonAsync($"/api/conversations/{queued.Id}/move",
            new { team = "sales", reason = "sales has room" });
        var history = await host.Admin.GetFromJsonAsync<AssignmentKindsJson>($"/api/conversations/{queued.Id}/assignments");

        foreach (var (what, response) in new[] { ("agent", toOtherAgent), ("team", toOtherQueue) })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), what);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), what);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("teams they supervise"), what);
        }

        Assert.That(history!.Items.Select(i => i.Kind), Does.Not.Contain("moved").And.Not.Contain("moved-to-team"));
    }

    [Test]
    public async Task An_agent_sets_their_own_presence_only()
    {
        using var others = await serviceColleague.Client.PutAsJsonAsync($"/api/agents/{agentA.Agent.Id}/presence", new { status = "offline" });
        var a = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{agentA.Agent.Id}");

        Assert.That(others.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(a!.Status, Is.EqualTo("online"));
    }

    [Test]
    public async Task A_supervisor_pauses_only_the_agents_of_their_teams()
    {
        using var otherTeam = await serviceSupervisor.PostAsJsonAsync($"/api/agents/{salesAgent.Agent.Id}/pause", new { reason = "break" });
        using var ownTeam = await salesSupervisor.PutAsJsonAsync($"/api/agents/{salesAgent.Agent.Id}/capacity", new { capacity = 6, reason = "busy day" });

        Assert.That(otherTeam.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(ownTeam.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ownTeam.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Without_a_session_it_is_401()
    {
        using var response = await host.Anonymous.GetAsync($"/api/conversations/{assigned.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<(AgentJson Agent, HttpClient Client)> SignedInAgentAsync(string status, int capacity, string team)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"{team} {Guid.NewGuid():N}"[..16], capacity, status, teams = new[] { team } });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var agent = (await response.Content.ReadFromJsonAsync<AgentJson>())!;
        var user = await host.CreateUserAsync("agent", agent.Id);
        return (agent, await host.SignInAsync(user.Username));
    }

    private static async Task<Guid[]> ListedAsync(HttpClient client, Guid[] ofThese)
    {
        var page = await client.GetFromJsonAsync<ConversationPageJson>("/api/conversations?pageSize=200");
        return [.. page!.Items.Select(c => c.Id).Where(ofThese.Contains)];
    }

    private sealed record AssignmentKindsJson(AssignmentKindJson[] Items);

    private sealed record AssignmentKindJson(string Kind);
}
