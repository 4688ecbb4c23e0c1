using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>An agent who set themself away longer than Routing:Presence:AwayGracePeriod hands their conversations
/// back to the queue; an agent a supervisor paused keeps theirs.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class AwayGracePeriodTests(Engines engines) : HostPerTest(engines, "away", new Dictionary<string, string?>
    {
        ["Routing:Presence:AwayGracePeriod"] = "00:00:02",
        ["Routing:Presence:CheckInterval"] = "00:00:00.200",
    })
{
    [Test]
    public async Task The_conversation_of_an_agent_away_past_the_grace_period_goes_to_an_online_agent_while_a_paused_agent_keeps_theirs()
    {
        var paused = await host.CreateOnlineAgentAsync(capacity: 5);
        var pausedCustomer = TwilioWebhooks.NewCustomerNumber();
        await SendAsync(pausedCustomer, "Halo, saya mau tanya soal pesanan");
        var kept = await host.AssignedConversationAsync(pausedCustomer);
        using var pause = await host.Admin.PostAsJsonAsync($"/api/agents/{paused.Id}/pause", new { reason = "coaching session" });
        var away = await host.CreateOnlineAgentAsync(capacity: 5);
        var awayCustomer = TwilioWebhooks.NewCustomerNumber();
        await SendAsync(awayCustomer, "Halo, paket saya belum datang");
        var handedBack = await host.AssignedConversationAsync(awayCustomer);
        using var goAway = await host.Admin.PutAsJsonAsync($"/api/agents/{away.Id}/presence", new { status = "away" });

        var online = await host.CreateOnlineAgentAsync(capacity: 5);
        var moved = await Eventually.Until(() => host.FindConversationAsync(awayCustomer), c => c?.Assignee?.Id == online.Id,
            "the away agent's conversation with the online agent", TimeSpan.FromSeconds(60));
        // The sweep that handed the away agent's conversation back looked at the paused agent too, before it drained.
        var stillKept = await host.FindConversationAsync(pausedCustomer);
        var history = await host.Admin.GetFromJsonAsync<HistoryJson>($"/api/conversations/{handedBack!.Id}/assignments");

        Assert.That(pause.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(goAway.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(kept!.Assignee!.Id, Is.EqualTo(paused.Id));
        Assert.That(handedBack.Assignee!.Id, Is.EqualTo(away.Id));
        Assert.That(moved!.Assignee!.Id, Is.EqualTo(online.Id));
        Assert.That(stillKept!.Assignee?.Id, Is.EqualTo(paused.Id));
        Assert.That(history!.Items.Select(i => i.Kind), Is.EqualTo(new[] { "assigned", "requeued", "assigned" }));
        Assert.That(history.Items[1].Reason, Is.EqualTo($"their agent {away.Name} was away longer than 00:00:02"));
        Assert.That(await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{away.Id}"), Has.Property("OpenConversations").EqualTo(0));
    }

    private async Task SendAsync(string customer, string text)
    {
        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private sealed record EntryJson(string Kind, string Reason);

    private sealed record HistoryJson(Guid ConversationId, EntryJson[] Items);
}
