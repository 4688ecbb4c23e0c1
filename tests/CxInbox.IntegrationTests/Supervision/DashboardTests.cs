using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Supervision;

/// <summary>The supervisor's dashboard reports what the traffic posted through the Host did: each agent's load and
/// their oldest unanswered customer message, the queues, the open breaches and the volume by hour.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class DashboardTests(Engines engines)
{
    private const string Dashboard = "/api/supervision/dashboard";
    private HostUnderTest host = null!;

    [SetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(engines, "dashboard", new Dictionary<string, string?>
    {
        ["Routing:Sla:FirstResponse:sms"] = "00:00:01",
        ["Routing:Sla:CheckInterval"] = "00:00:00.200",
    });

    [TearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task Each_agent_shows_their_load_and_the_oldest_customer_message_no_reply_followed()
    {
        var ann = await CreateAgentAsync(5, "service");
        var first = TwilioWebhooks.NewCustomerNumber();
        var second = TwilioWebhooks.NewCustomerNumber();
        var third = TwilioWebhooks.NewCustomerNumber();
        var answered = await PostAsync(first, "Paket saya belum sampai", expectedMessages: 1);
        await ReplyAsync(answered.Id, "Kami cek dulu ya kak");
        var followUp = await PostAsync(first, "Sudah dicek? Masih belum sampai", expectedMessages: 3);
        await PostAsync(second, "Paket saya belum sampai juga", expectedMessages: 1);
        var bob = await CreateAgentAsync(5, "service");
        var bobs = await PostAsync(third, "Halo, paket saya belum sampai", expectedMessages: 1);
        await ReplyAsync(bobs.Id, "Halo kak, kami bantu");

        var dashboard = await host.Admin.GetFromJsonAsync<DashboardJson>(Dashboard);

        Assert.That(bobs.Assignee!.Id, Is.EqualTo(bob.Id), "the least-loaded agent takes the third customer");
        var annRow = dashboard!.Agents.Single(a => a.Id == ann.Id);
        var bobRow = dashboard.Agents.Single(a => a.Id == bob.Id);
        var waitingSince = followUp.Messages!.Last(m => m.Direction == "inbound").SentAt;
        Assert.That((annRow.Load, annRow.Capacity, annRow.Presence, annRow.Teams), Is.EqualTo((2, 5, "online", new[] { "service" })));
        Assert.That(annRow.OldestWaitingSince, Is.EqualTo(waitingSince), "the follow-up after the reply, not the answered first message");
        Assert.That(annRow.OldestWaitingSeconds, Is.EqualTo((long)(dashboard.AsOf - waitingSince).TotalSeconds).Within(1));
        Assert.That((bobRow.Load, bobRow.OldestWaitingSince, bobRow.OldestWaitingSeconds), Is.EqualTo((1, (DateTimeOffset?)null, (long?)null)));
    }

    [Test]
    public async Task Queues_count_the_waiting_conversations_by_team_channel_and_priority_and_breaches_end_with_a_reply()
    {
        var ann = await CreateAgentAsync(1, "service");
        var held = await PostAsync(TwilioWebhooks.NewCustomerNumber(), "Paket saya belum sampai", expectedMessages: 1);
        var firstWaiting = await PostQueuedAsync(TwilioWebhooks.NewCustomerNumber(), "Paket saya belum sampai");
        var secondWaiting = await PostQueuedAsync(TwilioWebhooks.NewCustomerNumber(), "Paket saya belum sampai");

        var breached = await Eventually.Until(() => host.Admin.GetFromJsonAsync<DashboardJson>(Dashboard), d => d!.SlaBreaches.Total == 3,
            "three open breaches", TimeSpan.FromSeconds(60));
        await ReplyAsync(held.Id, "Kami bantu cek ya kak");
        var afterReply = await host.Admin.GetFromJsonAsync<DashboardJson>(Dashboard);

        var queue = breached!.Queues.Single();
        Assert.That((queue.Team, queue.Channel, queue.Waiting), Is.EqualTo(("service", "sms", 2L)));
        Assert.That(queue.OldestWaitingSince, Is.GreaterThanOrEqualTo(firstWaiting.Messages!.Single().SentAt)
            .And.LessThanOrEqualTo(secondWaiting.Messages!.Single().SentAt), "the first one's time in the queue");
        var heldBreach = breached.SlaBreaches.Items.Single(b => b.ConversationId == held.Id);
        Assert.That((heldBreach.Assignee?.Id, heldBreach.Channel, heldBreach.Team), Is.EqualTo(((Guid?)ann.Id, "sms", "service")));
        Assert.That(heldBreach.DueAt, Is.EqualTo(held.Messages!.Single().SentAt.AddSeconds(1)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(breached.SlaBreaches.Items.Select(b => b.ConversationId),
            Is.EquivalentTo(new[] { held.Id, firstWaiting.Id, secondWaiting.Id }));
        Assert.That(afterReply!.SlaBreaches.Items.Select(b => b.ConversationId), Is.EquivalentTo(new[] { firstWaiting.Id, secondWaiting.Id }));
        Assert.That(afterReply.SlaBreaches.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task Volume_counts_customer_messages_by_hour_channel_and_stage_with_the_share_of_complaints()
    {
        await CreateAgentAsync(10);
        var start = DateTimeOffset.UtcNow;
        var complaint = await PostAsync(TwilioWebhooks.NewCustomerNumber(), "Paket saya hilang, sudah 2 minggu tidak sampai. Parah!", expectedMessages: 1);
        var sales = await PostAsync(TwilioWebhooks.NewCustomerNumber(), "Berapa harga paket premium?", expectedMessages: 1);
        var member = await PostAsync(TwilioWebhooks.NewCustomerNumber(), "Halo, mau tanya soal kartu member", expectedMessages: 1);
        await ReplyAsync(member.Id, "Halo kak, kartu member bisa dibuat di toko");
        var from = Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));

        var range = await host.Admin.GetFromJsonAsync<DashboardJson>($"{Dashboard}?from={from}&to={to}");
        var today = await host.Admin.GetFromJsonAsync<DashboardJson>(Dashboard);
        var later = await host.Admin.GetFromJsonAsync<DashboardJson>(
            $"{Dashboard}?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(2).ToString("O"))}");

        var tags = new[] { complaint, sales, member }.Select(c => c.Messages!.Single(m => m.Direction == "inbound").Tags!).ToList();
        Assert.That(tags[0].Complaint, Is.True, "the classifier's complaint example");
        var hours = range!.Volume.Hours.Where(h => h.Messages > 0).ToList();
        Assert.That(hours.Sum(h => h.Messages), Is.EqualTo(3), "customer messages only, not the reply");
        Assert.That(hours.Sum(h => h.Complaints), Is.EqualTo(tags.Count(t => t.Complaint)));
        Assert.That(hours.Select(h => h.ComplaintRate), Is.EqualTo(hours.Select(h => (double?)h.Complaints / h.Messages)));
        Assert.That(range.Volume.Channels, Is.EqualTo(new[] { "sms" }));
        Assert.That(hours.Sum(h => h.ByChannel["sms"]), Is.EqualTo(3));
        var expectedStages = tags.GroupBy(t => t.JourneyStage).ToDictionary(g => g.Key, g => (long)g.Count());
        var stages = hours.SelectMany(h => h.ByStage).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        Assert.That(stages, Is.EquivalentTo(expectedStages));
        Assert.That(range.Volume.Stages, Is.EqualTo(expectedStages.Keys.Order(StringComparer.Ordinal)));
        var midnight = new DateTimeOffset(today!.AsOf.UtcDateTime.Date, TimeSpan.Zero);
        Assert.That((today.Volume.From, today.Volume.To, today.Volume.Hours.Length), Is.EqualTo((midnight, midnight.AddDays(1), 24)));
        Assert.That(today.Volume.Hours.Where(h => h.Hour < midnight.AddHours(start.UtcDateTime.Hour)).Sum(h => h.Messages), Is.Zero);
        Assert.That(today.Volume.Hours.Sum(h => h.Messages), Is.EqualTo(3));
        Assert.That(later!.Volume.Hours.Sum(h => h.Messages), Is.Zero);
        Assert.That(later.Volume.Hours.All(h => h.ComplaintRate is null), Is.True);
    }

    [Test]
    public async Task Bad_ranges_and_unknown_teams_get_a_problem_with_the_reason()
    {
        using var backwards = await host.Admin.GetAsync($"{Dashboard}?from=2026-12-04T10:00:00Z&to=2026-12-04T09:00:00Z");
        using var tooLong = await host.Admin.GetAsync($"{Dashboard}?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
        using var notATime = await host.Admin.GetAsync($"{Dashboard}?from=yesterday");
        using var unknownTeam = await host.Admin.GetAsync($"{Dashboard}?team=nobody");

        await AssertProblemAsync(backwards, HttpStatusCode.BadRequest, "After from");
        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, "at most 7 days");
        await AssertProblemAsync(notATime, HttpStatusCode.BadRequest, "ISO 8601");
        await AssertProblemAsync(unknownTeam, HttpStatusCode.NotFound, "nobody");
    }

    [Test]
    public async Task A_supervisor_sees_the_teams_they_supervise_and_an_agent_or_a_stranger_sees_nothing()
    {
        var servicing = await CreateAgentAsync(5, "service");
        var selling = await CreateAgentAsync(5, "sales");
        var anyTeam = await CreateAgentAsync(5);
        var supervisor = await host.CreateUserAsync("supervisor", teams: ["sales"]);
        using var supervisorClient = await host.SignInAsync(supervisor.Username);
        var (_, _, agentClient) = await host.SignedInAgentAsync(["sales"]);
        using var agent = agentClient;

        var own = await supervisorClient.GetFromJsonAsync<DashboardJson>(Dashboard);
        using var otherTeam = await supervisorClient.GetAsync($"{Dashboard}?team=service");
        using var asAgent = await agent.GetAsync(Dashboard);
        using var anonymous = await host.Anonymous.GetAsync(Dashboard);
        var everyone = await host.Admin.GetFromJsonAsync<DashboardJson>(Dashboard);

        Assert.That(own!.Teams, Is.EqualTo(new[] { "sales" }));
        Assert.That(own.Agents.Select(a => a.Id), Does.Contain(selling.Id).And.Contain(anyTeam.Id).And.Not.Contain(servicing.Id));
        await AssertProblemAsync(otherTeam, HttpStatusCode.Forbidden, "sales");
        Assert.That(asAgent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(everyone!.Teams, Is.Null);
        Assert.That(everyone.Agents.Select(a => a.Id), Is.SupersetOf(new[] { servicing.Id, selling.Id, anyTeam.Id }));
    }

    private async Task<AgentJson> CreateAgentAsync(int capacity, params string[] teams)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"Agent {Guid.NewGuid():N}"[..14], capacity, status = "online", teams = teams.Length == 0 ? null : teams });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }

    /// <summary>Posts the SMS and waits until its conversation is assigned and holds that many messages.</summary>
    private async Task<ConversationJson> PostAsync(string customer, string text, int expectedMessages)
    {
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await Eventually.Until(() => host.FindConversationAsync(customer),
            c => c?.Assignee is not null && c.Messages!.Length == expectedMessages, $"{customer}'s message {expectedMessages} with an agent"))!;
    }

    private async Task<ConversationJson> PostQueuedAsync(string customer, string text)
    {
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.QueuedReason is not null, $"{customer} waiting in the queue"))!;
    }

    private async Task ReplyAsync(Guid conversationId, string text)
    {
        using var reply = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversationId}/replies", new { text });
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await reply.Content.ReadAsStringAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mentions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        Assert.That(body, Does.Contain(mentions));
    }

    private sealed record DashboardJson(DateTimeOffset AsOf, string[]? Teams, DashboardAgentJson[] Agents, QueueJson[] Queues, BreachesJson SlaBreaches, VolumeJson Volume);

    private sealed record DashboardAgentJson(Guid Id, string Name, string Presence, string[] Teams, int Load, int Capacity,
        DateTimeOffset? OldestWaitingSince, long? OldestWaitingSeconds);

    private sealed record QueueJson(string? Team, string Channel, int Priority, long Waiting, DateTimeOffset OldestWaitingSince, long OldestWaitingSeconds);

    private sealed record BreachesJson(int Total, BreachJson[] Items);

    private sealed record BreachJson(Guid ConversationId, string? Team, string Channel, int Priority, string Customer, AgentRefJson? Assignee,
        DateTimeOffset DueAt, DateTimeOffset BreachedAt, long OverdueSeconds);

    private sealed record AgentRefJson(Guid Id, string? Name);

    private sealed record VolumeJson(DateTimeOffset From, DateTimeOffset To, string[] Channels, string[] Stages, VolumeHourJson[] Hours);

    private sealed record VolumeHourJson(DateTimeOffset Hour, long Messages, long Complaints, double? ComplaintRate,
        Dictionary<string, long> ByChannel, Dictionary<string, long> ByStage);
}
