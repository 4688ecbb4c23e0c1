using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Supervision;

/// <summary>A supervisor moves work, changes capacity, pauses agents and rebalances a team; every action is in the
/// audit log with who, what and why, and every conversation's assignments can be explained afterwards.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class SupervisionTests(Engines engines)
{
    private const string Supervisor = "bootstrap-admin";
    private HostUnderTest host = null!;

    [SetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(engines, "supervision");

    [TearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_conversation_moves_to_an_online_agent_with_room_but_not_to_an_away_one_and_the_move_is_audited()
    {
        var ann = await CreateAgentAsync("online", 5);
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai")));
        var conversation = await host.AssignedConversationAsync(customer);
        var away = await CreateAgentAsync("away", 5);
        var bob = await CreateAgentAsync("online", 5);

        using var refused = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/move", new { agentId = away.Id, reason = "Ayu knows this parcel" });
        using var moved = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/move", new { agentId = bob.Id, reason = "Bob handles this courier" });
        var after = await moved.Content.ReadFromJsonAsync<ConversationJson>();
        var annNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{ann.Id}");
        var bobNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{bob.Id}");
        var history = await host.Admin.GetFromJsonAsync<AssignmentHistoryJson>($"/api/conversations/{conversation.Id}/assignments");
        var audit = await host.Admin.GetFromJsonAsync<AuditPageJson>("/api/audit?action=conversation.moved");

        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "away");
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after!.Assignee!.Id, Is.EqualTo(bob.Id));
        Assert.That(after.Assignee.Reason, Does.Contain(Supervisor).And.Contain("Bob handles this courier"));
        Assert.That((annNow!.OpenConversations, bobNow!.OpenConversations), Is.EqualTo((0, 1)));
        Assert.That(history!.Items.Select(i => (i.Kind, i.Agent?.Id, i.FromAgent?.Id)),
            Is.EqualTo(new (string, Guid?, Guid?)[] { ("assigned", ann.Id, null), ("moved", bob.Id, ann.Id) }));
        Assert.That(history.Items[0].Reason, Does.Contain("least-loaded"));
        var entry = audit!.Items.Single();
        Assert.That((entry.Actor, entry.Target.Type, entry.Target.Id, entry.Reason),
            Is.EqualTo((Supervisor, "conversation", conversation.Id.ToString(), "Bob handles this courier")));
    }

    [Test]
    public async Task A_move_to_a_full_agent_is_refused_with_their_load_and_changes_nothing()
    {
        var ann = await CreateAgentAsync("online", 5);
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo")));
        var conversation = await host.AssignedConversationAsync(customer);
        var full = await CreateAgentAsync("online", 0);

        using var refused = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/move", new { agentId = full.Id, reason = "try" });
        using var unknownAgent = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/move", new { agentId = Guid.NewGuid(), reason = "try" });
        using var both = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/move", new { agentId = full.Id, team = "sales", reason = "try" });
        var unchanged = await host.FindConversationAsync(customer);
        var audit = await host.Admin.GetFromJsonAsync<AuditPageJson>("/api/audit");

        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "full at 0/0");
        await AssertProblemAsync(unknownAgent, HttpStatusCode.NotFound, "No agent");
        await AssertProblemAsync(both, HttpStatusCode.BadRequest, "not both");
        Assert.That(unchanged!.Assignee!.Id, Is.EqualTo(ann.Id));
        Assert.That(audit!.Total, Is.Zero);
    }

    [Test]
    public async Task A_conversation_moved_back_to_a_team_without_free_agents_waits_in_its_queue()
    {
        var ann = await CreateAgentAsync("online", 5, "service");
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo")));
        var conversation = await host.AssignedConversationAsync(customer);

        using var moved = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/move", new { team = "sales", reason = "asks about an upgrade" });
        using var unknownTeam = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/move", new { team = "nobody", reason = "typo" });
        using var unknownConversation = await host.Admin.PostAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/move", new { team = "sales", reason = "x" });
        using var noReason = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/move", new { team = "sales" });
        var waiting = await host.FindConversationAsync(customer);
        var annNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{ann.Id}");

        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        Assert.That(waiting!.Assignee, Is.Null);
        Assert.That(waiting.QueuedReason, Does.Contain("asks about an upgrade"));
        Assert.That(waiting.Tags?.Team, Is.EqualTo("sales"));
        Assert.That(annNow!.OpenConversations, Is.Zero);
        await AssertProblemAsync(unknownTeam, HttpStatusCode.BadRequest, "nobody");
        await AssertProblemAsync(unknownConversation, HttpStatusCode.NotFound, "No conversation");
        await AssertProblemAsync(noReason, HttpStatusCode.BadRequest, "audit log");
    }

    [Test]
    public async Task Raising_capacity_hands_the_agent_a_waiting_conversation_and_is_audited_with_the_old_and_new_value()
    {
        var ann = await CreateAgentAsync("online", 1);
        var first = TwilioWebhooks.NewCustomerNumber();
        var second = TwilioWebhooks.NewCustomerNumber();
        using var a = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(first, "Halo")));
        await host.AssignedConversationAsync(first);
        using var b = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(second, "Halo juga")));
        await Eventually.Until(() => host.FindConversationAsync(second), c => c?.QueuedReason is not null, "the second conversation waiting");

        using var invalid = await host.Admin.PutAsJsonAsync($"/api/agents/{ann.Id}/capacity", new { capacity = -1, reason = "oops" });
        using var unknown = await host.Admin.PutAsJsonAsync($"/api/agents/{Guid.NewGuid()}/capacity", new { capacity = 3, reason = "x" });
        using var raised = await host.Admin.PutAsJsonAsync($"/api/agents/{ann.Id}/capacity", new { capacity = 2, reason = "queue is long" });
        var assigned = await host.AssignedConversationAsync(second);
        var audit = await host.Admin.GetFromJsonAsync<AuditPageJson>("/api/audit?action=agent.capacity-changed");

        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest, "capacity");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "No agent");
        Assert.That(raised.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(assigned!.Assignee!.Id, Is.EqualTo(ann.Id));
        var entry = audit!.Items.Single();
        Assert.That((entry.Actor, entry.Target.Id, entry.Reason), Is.EqualTo((Supervisor, ann.Id.ToString(), "queue is long")));
        Assert.That(entry.Details.ToString(), Does.Contain("\"previousCapacity\":1").And.Contain("\"capacity\":2"));
    }

    [Test]
    public async Task A_paused_agent_keeps_their_conversations_gets_no_new_ones_and_takes_the_waiting_one_on_resume()
    {
        var ann = await CreateAgentAsync("online", 5);
        var first = TwilioWebhooks.NewCustomerNumber();
        var second = TwilioWebhooks.NewCustomerNumber();
        using var a = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(first, "Halo")));
        await host.AssignedConversationAsync(first);

        using var paused = await host.Admin.PostAsJsonAsync($"/api/agents/{ann.Id}/pause", new { reason = "coaching session" });
        using var again = await host.Admin.PostAsJsonAsync($"/api/agents/{ann.Id}/pause", new { reason = "twice" });
        using var b = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(second, "Halo juga")));
        var waiting = await Eventually.Until(() => host.FindConversationAsync(second), c => c?.QueuedReason is not null, "the second conversation waiting");
        var kept = await host.FindConversationAsync(first);
        using var resumed = await host.Admin.PostAsync($"/api/agents/{ann.Id}/resume", null);
        var assigned = await host.AssignedConversationAsync(second);
        var audit = await host.Admin.GetFromJsonAsync<AuditPageJson>($"/api/audit?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}");

        Assert.That(paused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "away");
        Assert.That(waiting!.QueuedReason, Does.Contain("away"));
        Assert.That(kept!.Assignee!.Id, Is.EqualTo(ann.Id));
        Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(assigned!.Assignee!.Id, Is.EqualTo(ann.Id));
        Assert.That(audit!.Items.Select(i => (i.Action, i.Reason)),
            Is.EqualTo(new[] { ("agent.resumed", ""), ("agent.paused", "coaching session") }));
    }

    [Test]
    public async Task A_rebalance_preview_changes_nothing_and_applying_it_evens_the_team_except_conversations_just_answered()
    {
        var ann = await CreateAgentAsync("online", 10, "service", "sales");
        var customers = Enumerable.Range(0, 5).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        foreach (var customer in customers)
        {
            using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, saya mau tanya")));
        }

        var conversations = new List<ConversationJson>();
        foreach (var customer in customers)
        {
            conversations.Add((await host.AssignedConversationAsync(customer))!);
        }

        using var reply = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversations[0].Id}/replies", new { text = "Sebentar ya" });
        var bob = await CreateAgentAsync("online", 10, "service", "sales");

        using var previewResponse = await host.Admin.PostAsync("/api/teams/service/rebalance?preview=true", null);
        var preview = await previewResponse.Content.ReadFromJsonAsync<RebalanceJson>();
        var annAfterPreview = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{ann.Id}");
        using var appliedResponse = await host.Admin.PostAsJsonAsync("/api/teams/service/rebalance?preview=false", new { reason = "Bob joined the shift" });
        var applied = await appliedResponse.Content.ReadFromJsonAsync<RebalanceJson>();
        var annNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{ann.Id}");
        var bobNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{bob.Id}");
        var answered = await host.FindConversationAsync(customers[0]);
        var movedOne = await host.Admin.GetFromJsonAsync<AssignmentHistoryJson>($"/api/conversations/{applied!.Moves[0].ConversationId}/assignments");
        var audit = await host.Admin.GetFromJsonAsync<AuditPageJson>("/api/audit?action=team.rebalanced");
        using var unknownTeam = await host.Admin.PostAsync("/api/teams/nobody/rebalance?preview=true", null);

        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((preview!.Applied, preview.Moves.Length, preview.KeptByGuard), Is.EqualTo((false, 2, 1)));
        Assert.That(annAfterPreview!.OpenConversations, Is.EqualTo(5));
        Assert.That((applied.Applied, applied.Moves.Length), Is.EqualTo((true, 2)));
        Assert.That(applied.Moves.Select(m => m.ConversationId), Does.Not.Contain(conversations[0].Id));
        Assert.That((annNow!.OpenConversations, bobNow!.OpenConversations), Is.EqualTo((3, 2)));
        Assert.That(answered!.Assignee!.Id, Is.EqualTo(ann.Id));
        Assert.That(movedOne!.Items.Select(i => i.Kind), Is.EqualTo(new[] { "assigned", "rebalanced" }));
        Assert.That(movedOne.Items[1].Actor, Is.EqualTo(Supervisor));
        var entry = audit!.Items.Single();
        Assert.That((entry.Actor, entry.Target.Type, entry.Target.Id, entry.Reason), Is.EqualTo((Supervisor, "team", "service", "Bob joined the shift")));
        await AssertProblemAsync(unknownTeam, HttpStatusCode.NotFound, "nobody");
    }

    [TestCase("since=yesterday", "since")]
    [TestCase("action=conversation.deleted", "action")]
    [TestCase("pageSize=0", "pageSize")]
    public async Task A_bad_audit_filter_is_a_400_problem_naming_the_field(string query, string field)
    {
        using var response = await host.Admin.GetAsync($"/api/audit?{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    private async Task<AgentJson> CreateAgentAsync(string status, int capacity, params string[] teams)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"Agent {Guid.NewGuid():N}"[..14], capacity, status, teams = teams.Length == 0 ? null : teams });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mentions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        Assert.That(body, Does.Contain(mentions));
    }

    private sealed record AgentRefJson(Guid Id, string? Name);

    private sealed record AssignmentEntryJson(DateTimeOffset OccurredAt, string Kind, AgentRefJson? Agent, AgentRefJson? FromAgent, string? Team, string Reason, string? Actor);

    private sealed record AssignmentHistoryJson(Guid ConversationId, AssignmentEntryJson[] Items);

    private sealed record AuditTargetJson(string Type, string Id);

    private sealed record AuditEntryJson(long Id, DateTimeOffset OccurredAt, string Actor, string Action, AuditTargetJson Target, string Reason, System.Text.Json.JsonElement Details);

    private sealed record AuditPageJson(AuditEntryJson[] Items, int Page, int PageSize, long Total);

    private sealed record RebalanceMoveJson(Guid ConversationId, AgentRefJson From, AgentRefJson To, string Reason);

    private sealed record RebalanceJson(string Team, bool Applied, RebalanceMoveJson[] Moves, int KeptByGuard);
}
