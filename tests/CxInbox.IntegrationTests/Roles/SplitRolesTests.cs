using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Roles;

/// <summary>The same build as three processes, one role each, joined only by RabbitMQ and PostgreSQL, as
/// docker-compose.yml runs it.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class SplitRolesTests
{
    private RealServices services = null!;
    private HostUnderTest ingress = null!;
    private HostUnderTest routing = null!;
    private HostUnderTest secondRouting = null!;
    private HostUnderTest api = null!;

    [OneTimeSetUp]
    public async Task StartOneHostPerRole()
    {
        services = await RealServices.CreateAsync("roles");
        // Routing and api both migrate the same database at start-up; the advisory lock makes them take turns.
        var starting = new[] { "routing", "routing", "api" }.Select(role => Task.Run(() => HostUnderTest.StartRoles(services, role))).ToArray();
        routing = await starting[0];
        secondRouting = await starting[1];
        api = await starting[2];
        ingress = HostUnderTest.StartRoles(services, "ingress");
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        if (ingress is not null)
        {
            await ingress.DisposeAsync();
        }

        if (routing is not null)
        {
            await routing.DisposeAsync();
        }

        if (secondRouting is not null)
        {
            await secondRouting.DisposeAsync();
        }

        if (api is not null)
        {
            await api.DisposeAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Test]
    public async Task An_sms_posted_to_the_ingress_process_is_routed_by_the_routing_process_and_read_from_the_api_process()
    {
        var agent = await api.CreateOnlineAgentAsync();
        var customer = TwilioWebhooks.NewCustomerNumber();

        using var response = await ingress.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Saya mau beli paket data")));
        var conversation = await api.AssignedConversationAsync(customer);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(conversation!.Assignee!.Id, Is.EqualTo(agent.Id));
        Assert.That(await api.StoredAssigneeAsync(conversation.Id), Is.EqualTo(agent.Id));
    }

    [Test]
    public async Task Two_routers_competing_for_one_agent_never_exceed_the_agents_capacity()
    {
        foreach (var other in (await api.Admin.GetFromJsonAsync<AgentJson[]>("/api/agents"))!)
        {
            using var offline = await api.Admin.PutAsJsonAsync($"/api/agents/{other.Id}/presence", new { status = "offline" });
        }

        var agent = await api.CreateOnlineAgentAsync(capacity: 3);
        var customers = Enumerable.Range(0, 24).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();

        var responses = await Task.WhenAll(customers.Select(async customer =>
        {
            using var response = await ingress.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Promo paket data?")));
            return response.StatusCode;
        }));
        var conversations = await Eventually.Until(
            async () =>
            {
                var page = await api.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=sms&pageSize=200");
                return customers.Select(customer => page!.Items.FirstOrDefault(c => c.Customer.Address == customer)).ToArray();
            },
            all => all.All(c => c is not null && (c.Assignee is not null || c.QueuedReason is not null)),
            "every conversation routed");
        var agentNow = await api.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{agent.Id}");

        // Conversations of earlier tests, re-queued when their agents went offline above, compete for the same slots.
        var agentsConversations = await api.Admin.GetFromJsonAsync<ConversationPageJson>($"/api/agents/{agent.Id}/conversations?pageSize=200");

        Assert.That(responses, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(agentsConversations!.Total, Is.EqualTo(3));
        Assert.That(conversations.Count(c => c!.Assignee?.Id == agent.Id), Is.LessThanOrEqualTo(3));
        Assert.That(conversations.Count(c => c!.Assignee is null), Is.GreaterThanOrEqualTo(21));
        Assert.That(agentNow!.OpenConversations, Is.EqualTo(3));
    }

    [Test]
    public async Task Each_process_serves_only_its_own_role()
    {
        using var apiOnIngress = await ingress.Admin.GetAsync("/api/agents");
        using var webhookOnApi = await api.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")));
        using var readyOnRouting = await routing.Anonymous.GetAsync("/health/ready");

        Assert.That(apiOnIngress.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(webhookOnApi.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(readyOnRouting.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
