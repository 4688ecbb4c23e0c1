using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CxInbox.BrowserTests.Infrastructure;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxInbox.BrowserTests.Console;

/// <summary>The console's other actions, each one API call with the supervisor's reason: a move of ticked
/// conversations, a capacity change, a pause and a resume. A fixture of its own, so its agents and the rebalance
/// test's never share a team's work.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed partial class ConsoleActionsTests : BrowserFixture
{
    [Test]
    public async Task A_supervisor_moves_a_ticked_conversation_changes_capacity_and_pauses_and_resumes_an_agent()
    {
        var cy = await CreateAgentAsync("Cy");
        await PostAndWaitAsync("Paket saya belum sampai", cy.Id);
        await PostAndWaitAsync("Paket saya belum sampai", cy.Id);
        var dee = await CreateAgentAsync("Dee");
        var supervisor = await Host.CreateUserAsync("supervisor", teams: ["service"]);
        await SignInThroughThePageAsync(supervisor.Username);
        await Expect(Page).ToHaveURLAsync(ConsoleUrl());
        var cyRow = Page.Locator($"#agents tr[data-agent-id='{cy.Id}']");
        var deeRow = Page.Locator($"#agents tr[data-agent-id='{dee.Id}']");
        await Expect(cyRow.Locator(".load-figure")).ToHaveTextAsync("2 / 10");

        await cyRow.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();
        await Page.Locator("#conversations input.select-conversation").First.CheckAsync();
        await Page.Locator("#move-target").SelectOptionAsync($"agent:{dee.Id}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move selected" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("audit log"); // no reason given: the server's refusal
        await Page.GetByLabel("Reason (goes into the audit log)").FillAsync("Dee knows this courier");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Move selected" }).ClickAsync();
        await Expect(deeRow.Locator(".load-figure")).ToHaveTextAsync("1 / 10");
        await Expect(cyRow.Locator(".load-figure")).ToHaveTextAsync("1 / 10");

        await deeRow.GetByLabel($"Capacity of {dee.Name}").FillAsync("3");
        await deeRow.GetByRole(AriaRole.Button, new() { Name = "Set" }).ClickAsync();
        await Expect(deeRow.Locator(".load-figure")).ToHaveTextAsync("1 / 3");
        await cyRow.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(cyRow.Locator(".presence")).ToHaveTextAsync("away");
        await cyRow.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(cyRow.Locator(".presence")).ToHaveTextAsync("online");

        var audit = await Host.Admin.GetFromJsonAsync<AuditPage>("/api/audit");
        Assert.That(audit!.Items.Select(i => i.Action).Reverse(),
            Is.EqualTo(new[] { "conversation.moved", "agent.capacity-changed", "agent.paused", "agent.resumed" }));
        Assert.That(audit.Items.Select(i => i.Reason).Distinct(), Is.EqualTo(new[] { "Dee knows this courier" }));
        Assert.That(Dialogs, Is.Empty);
    }

    [Test]
    public async Task An_action_shows_its_result_even_when_a_read_begun_before_it_answers_after_it()
    {
        var cy = await CreateAgentAsync("Cy");
        var supervisor = await Host.CreateUserAsync("supervisor", teams: ["service"]);
        // Without live events only the action's own re-read can show the pause.
        await Page.RouteAsync(url => url.Contains("/hubs/inbox"), route => route.AbortAsync());
        var holdNextRead = false;
        var heldRead = new TaskCompletionSource<(IRoute Route, IAPIResponse Answer)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(url => url.Contains("/api/supervision/dashboard"), async route =>
        {
            if (!holdNextRead)
            {
                await route.ContinueAsync();
                return;
            }

            holdNextRead = false;
            heldRead.SetResult((route, await route.FetchAsync()));
        });
        await SignInThroughThePageAsync(supervisor.Username);
        var cyRow = Page.Locator($"#agents tr[data-agent-id='{cy.Id}']");
        await Expect(cyRow.Locator(".presence")).ToHaveTextAsync("online");

        holdNextRead = true;
        await Page.Locator("#team").SelectOptionAsync("service");
        var (route, answeredBeforeThePause) = await heldRead.Task;
        await Page.GetByLabel("Reason (goes into the audit log)").FillAsync("Coffee break");
        var pause = Page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/agents/{cy.Id}/pause", StringComparison.Ordinal));
        await cyRow.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        Assert.That((await pause).Status, Is.EqualTo(200));
        await route.FulfillAsync(new() { Response = answeredBeforeThePause });

        await Expect(cyRow.Locator(".presence")).ToHaveTextAsync("away");
    }

    private async Task<AgentJson> CreateAgentAsync(string name)
    {
        using var response = await Host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"{name} {Guid.NewGuid():N}"[..(name.Length + 5)], capacity = 10, status = "online", teams = new[] { "service" } });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }

    private async Task PostAndWaitAsync(string text, Guid agentId)
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await Host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        var conversation = await Host.AssignedConversationAsync(customer);
        Assert.That(conversation!.Assignee!.Id, Is.EqualTo(agentId));
    }

    [GeneratedRegex(@"/console\.html$")]
    private static partial Regex ConsoleUrl();

    private sealed record AuditPage(AuditItem[] Items);

    private sealed record AuditItem(string Action, string Reason);
}
