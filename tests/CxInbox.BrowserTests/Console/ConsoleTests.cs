using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CxInbox.BrowserTests.Infrastructure;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxInbox.BrowserTests.Console;

/// <summary>A supervisor watches and evens out a team in the console; the page follows the store without a reload.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed partial class ConsoleTests : BrowserFixture
{
    private const string Hostile = "<img src=x onerror=alert(1)>";

    [Test]
    public async Task A_supervisor_previews_and_applies_a_rebalance_and_the_grid_follows_live()
    {
        // The routing table sends these messages to the service team; this fixture's store is its own.
        const string team = "service";
        var ann = await CreateAgentAsync("Ann", team);
        for (var i = 0; i < 4; i++)
        {
            await PostAndWaitAsync(i == 0 ? $"Paket saya belum sampai {Hostile}" : "Paket saya belum sampai", ann.Id);
        }

        var bob = await CreateAgentAsync("Bob", team);
        var supervisor = await Host.CreateUserAsync("supervisor", teams: [team, "sales"]);
        await SignInThroughThePageAsync(supervisor.Username);
        await Expect(Page).ToHaveURLAsync(ConsoleUrl());
        await Page.EvaluateAsync("() => { window.sameDocument = true; }");
        var annRow = Page.Locator($"#agents tr[data-agent-id='{ann.Id}']");
        var bobRow = Page.Locator($"#agents tr[data-agent-id='{bob.Id}']");
        await Expect(annRow.Locator(".load-figure")).ToHaveTextAsync("4 / 10");
        await Expect(bobRow.Locator(".load-figure")).ToHaveTextAsync("0 / 10");
        await Expect(Page.Locator("#chart-channel .legend li[data-key='sms']")).ToContainTextAsync("sms");

        await annRow.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();
        await Expect(Page.Locator("#conversations")).ToContainTextAsync(Hostile);
        await Page.Locator("#rebalance-team").SelectOptionAsync(team);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview rebalance" }).ClickAsync();
        await Expect(Page.Locator("#rebalance-plan .plan-heading")).ToHaveTextAsync($"Preview: 2 move(s) in {team}.");
        var bobPlanned = Page.Locator($"#rebalance-plan tr[data-agent-id='{bob.Id}'] td");
        await Expect(bobPlanned.Nth(1)).ToHaveTextAsync("0 / 10");
        await Expect(bobPlanned.Nth(2)).ToHaveTextAsync("2 / 10");
        await Expect(annRow.Locator(".load-figure")).ToHaveTextAsync("4 / 10"); // a preview moves nothing
        await Page.GetByLabel("Reason (goes into the audit log)").FillAsync("Bob is back from his break");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply rebalance" }).ClickAsync();
        await Expect(Page.Locator("#rebalance-plan .plan-heading")).ToHaveTextAsync($"Applied: 2 move(s) in {team}.");
        await Expect(annRow.Locator(".load-figure")).ToHaveTextAsync("2 / 10");
        await Expect(bobRow.Locator(".load-figure")).ToHaveTextAsync("2 / 10");

        // A change made elsewhere (a new customer message routed to one of them) reaches the grid over the hub.
        var taker = await PostAndWaitAsync("Paket saya belum sampai juga", agentId: null);
        await Expect(Page.Locator($"#agents tr[data-agent-id='{taker}'] .load-figure")).ToHaveTextAsync("3 / 10");
        await Expect(Page.Locator("#chart-channel .legend li[data-key='sms']")).ToHaveTextAsync("sms 5");
        await Expect(Page.Locator("#chart-channel svg .bar-label")).ToHaveTextAsync("5");

        Assert.That(await Page.EvaluateAsync<bool>("() => window.sameDocument === true"), Is.True, "the page was not reloaded");
        Assert.That(Dialogs, Is.Empty, "customer text ran as HTML");
        var audit = await Host.Admin.GetFromJsonAsync<AuditPage>("/api/audit?action=team.rebalanced");
        Assert.That(audit!.Items.Single().Reason, Is.EqualTo("Bob is back from his break"));
        await PostAsync("Berapa harga paket premium?"); // a sales question for the screenshot's queue
        await Expect(Page.Locator("#chart-channel .legend li[data-key='sms']")).ToHaveTextAsync("sms 6");
        await TakeScreenshotAsync("console.png");
    }

    [Test]
    public async Task An_agent_signed_in_gets_403_from_the_dashboard_and_is_sent_to_the_inbox()
    {
        // Offline and in another team: not one who could take the other test's conversations.
        var (_, agent, client) = await Host.SignedInAgentAsync(["sales"], status: "offline");
        client.Dispose();

        await SignInThroughThePageAsync(agent.Username);
        await Expect(Page).ToHaveURLAsync(InboxUrl());
        var response = await Page.APIRequest.GetAsync("/api/supervision/dashboard");
        await Page.GotoAsync("/console.html");

        Assert.That(response.Status, Is.EqualTo(403));
        await Expect(Page).ToHaveURLAsync(InboxUrl());
    }

    private async Task<AgentJson> CreateAgentAsync(string name, string team)
    {
        using var response = await Host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"{name} {Guid.NewGuid():N}"[..(name.Length + 5)], capacity = 10, status = "online", teams = new[] { team } });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }

    /// <summary>Posts a customer's SMS and waits until an agent (this one, when given) has it; returns who.</summary>
    private async Task<Guid> PostAndWaitAsync(string text, Guid? agentId)
    {
        var customer = await PostAsync(text);
        var conversation = await Host.AssignedConversationAsync(customer);
        if (agentId is { } expected)
        {
            Assert.That(conversation!.Assignee!.Id, Is.EqualTo(expected));
        }

        return conversation!.Assignee!.Id;
    }

    private async Task<string> PostAsync(string text)
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await Host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        Assert.That((int)webhook.StatusCode, Is.EqualTo(200));
        return customer;
    }

    [GeneratedRegex(@"/console\.html$")]
    private static partial Regex ConsoleUrl();

    [GeneratedRegex(@"/inbox\.html$")]
    private static partial Regex InboxUrl();

    private sealed record AuditPage(AuditItem[] Items);

    private sealed record AuditItem(string Reason);
}
