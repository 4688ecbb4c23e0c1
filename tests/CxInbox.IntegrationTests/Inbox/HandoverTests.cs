using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Inbox;

/// <summary>
/// Agents take and hand on work themselves: claim a conversation waiting in their team's queue, transfer their own
/// to a colleague or back to the queue. Everything goes to team service; agent A (capacity 1) has the first
/// conversation, and the second waits because B and C, who have room, read only French.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class HandoverTests
{
    private HostUnderTest host = null!;
    private (AgentJson Agent, HttpClient Client) a;
    private (AgentJson Agent, HttpClient Client) b;
    private (AgentJson Agent, HttpClient Client) c;
    private AgentJson offline = null!;
    private HttpClient supervisor = null!;
    private ConversationJson withA = null!;
    private ConversationJson waiting = null!;

    [OneTimeSetUp]
    public async Task StartHostWithOneAssignedAndOneWaitingConversation()
    {
        var everythingToService = new Dictionary<string, string?>
        {
            ["Routing:Table:Complaint:Team"] = "service",
            ["Routing:Table:SalesOpportunity:Team"] = "service",
        };
        foreach (var stage in new[] { "insight", "promotion", "transaction", "delivery", "support", "return" })
        {
            everythingToService[$"Routing:Table:Stages:{stage}:Team"] = "service";
        }

        host = await HostUnderTest.StartAsync(Engines.RealServices, "handover", everythingToService);
        a = await AgentAsync("online", 1, languages: null);
        b = await AgentAsync("online", 5, languages: ["fr"]);
        c = await AgentAsync("online", 5, languages: ["fr"]);
        (offline, var offlineClient) = await AgentAsync("offline", 5, languages: null);
        offlineClient.Dispose();
        supervisor = await host.SignInAsync((await host.CreateUserAsync("supervisor", teams: ["service"])).Username);

        var first = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(first, "Where is my parcel? It has not arrived."))))
        {
            withA = (await host.AssignedConversationAsync(first))!;
        }

        var second = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(second, "My parcel is late too, where is it?"))))
        {
            waiting = (await Eventually.Until(() => host.FindConversationAsync(second), c => c?.QueuedReason is not null, "the second conversation queued"))!;
        }

        Assert.That(withA.Assignee!.Id, Is.EqualTo(a.Agent.Id));
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        foreach (var client in new[] { a.Client, b.Client, c.Client, supervisor })
        {
            client?.Dispose();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task An_agent_claims_a_waiting_conversation_transfers_it_to_a_colleague_who_sends_it_back_to_the_queue()
    {
        var id = waiting.Id;

        using var claimed = await b.Client.PostAsync($"/api/conversations/{id}/claim", null);
        var afterClaim = await claimed.Content.ReadFromJsonAsync<ConversationJson>();
        using var claimedAgain = await b.Client.PostAsync($"/api/conversations/{id}/claim", null);
        using var transferred = await b.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { agentId = c.Agent.Id, reason = "C knows this customer" });
        var afterTransfer = await transferred.Content.ReadFromJsonAsync<ConversationJson>();
        using var transferredAgain = await b.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { agentId = c.Agent.Id, reason = "again" });
        using var back = await c.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { team = "Service", reason = "needs someone who reads English" });
        var afterBack = await back.Content.ReadFromJsonAsync<ConversationJson>();
        var history = await host.Admin.GetFromJsonAsync<HistoryJson>($"/api/conversations/{id}/assignments");

        Assert.That(claimed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterClaim!.Assignee!.Id, Is.EqualTo(b.Agent.Id));
        Assert.That(claimedAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(transferred.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterTransfer!.Assignee!.Id, Is.EqualTo(c.Agent.Id));
        Assert.That(transferredAgain.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no longer B's to see, let alone transfer");
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(afterBack!.Assignee, Is.Null);
        Assert.That(history!.Items.Select(e => e.Kind), Is.SupersetOf(new[] { "claimed", "transferred", "transferred-to-team" }));
        Assert.That(history.Items.Single(e => e.Kind == "transferred").Reason, Does.EndWith(": C knows this customer"));
        Assert.That(history.Items.Single(e => e.Kind == "transferred-to-team").Team, Is.EqualTo("service"));
        Assert.That((await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{b.Agent.Id}"))!.OpenConversations, Is.Zero);
    }

    [Test]
    public async Task Transfers_and_claims_that_cannot_be_done_are_refused_with_the_reason_and_change_nothing()
    {
        var id = withA.Id;

        var refusals = new Dictionary<string, (HttpResponseMessage Response, HttpStatusCode Expected)>
        {
            ["agent and team"] = (await a.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { agentId = b.Agent.Id, team = "service", reason = "x" }), HttpStatusCode.BadRequest),
            ["no reason"] = (await a.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { agentId = b.Agent.Id }), HttpStatusCode.BadRequest),
            ["unknown team"] = (await a.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { team = "no-such-team", reason = "x" }), HttpStatusCode.BadRequest),
            ["unknown agent"] = (await a.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { agentId = Guid.NewGuid(), reason = "x" }), HttpStatusCode.NotFound),
            ["offline agent"] = (await a.Client.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { agentId = offline.Id, reason = "x" }), HttpStatusCode.Conflict),
            ["supervisor claims"] = (await supervisor.PostAsync($"/api/conversations/{id}/claim", null), HttpStatusCode.Forbidden),
            ["supervisor transfers"] = (await supervisor.PostAsJsonAsync($"/api/conversations/{id}/transfer", new { team = "service", reason = "x" }), HttpStatusCode.Forbidden),
            ["anonymous"] = (await host.Anonymous.PostAsync($"/api/conversations/{id}/claim", null), HttpStatusCode.Unauthorized),
        };
        var after = await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{id}");

        foreach (var (what, (response, expected)) in refusals)
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected), what);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), what);
            response.Dispose();
        }

        Assert.That(after!.Assignee!.Id, Is.EqualTo(a.Agent.Id));
    }

    private async Task<(AgentJson Agent, HttpClient Client)> AgentAsync(string status, int capacity, string[]? languages)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"Agent {Guid.NewGuid():N}"[..14], capacity, status, teams = new[] { "service" }, languages });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var agent = (await response.Content.ReadFromJsonAsync<AgentJson>())!;
        var user = await host.CreateUserAsync("agent", agent.Id);
        return (agent, await host.SignInAsync(user.Username));
    }

    private sealed record HistoryJson(Guid ConversationId, EntryJson[] Items);

    private sealed record EntryJson(string Kind, string? Team, string Reason, string? Actor);
}
