using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CxInbox.BrowserTests.Infrastructure;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxInbox.BrowserTests.Inbox;

/// <summary>Issue 8's agent inbox in a real browser against the real Host, PostgreSQL and RabbitMQ: a customer's SMS
/// arrives live, the agent answers it and the answer reaches the Twilio stand-in; customer text stays text.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed partial class InboxTests : BrowserFixture
{
    [Test]
    public async Task An_agent_sees_a_new_SMS_arrive_live_replies_and_the_reply_reaches_Twilio()
    {
        using (var canned = await Host.Admin.PostAsJsonAsync("/api/canned-responses",
            new { title = "Parcel check", body = "Halo {{first_name}}, saya {{agent_name}}. Pesanan {{order_number}} sedang kami cek." }))
        {
            Assert.That(canned.StatusCode, Is.EqualTo(HttpStatusCode.Created), await canned.Content.ReadAsStringAsync());
        }

        await SignInAsTheOnlyOnlineAgentAsync();
        var navigations = 0;
        Page.FrameNavigated += (_, frame) => navigations += frame == Page.MainFrame ? 1 : 0;
        var customer = TwilioWebhooks.NewCustomerNumber();
        var reply = $"Halo kak, paketnya kami cek sekarang ({Guid.NewGuid():N})"[..60];

        await PostSmsAsync(customer, "Halo, pesanan saya 987654321 belum sampai. Tolong dicek ya");
        var item = Page.Locator(".queue-item", new() { HasText = customer });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(Page).ToHaveTitleAsync(UnseenTitle());
        await item.ClickAsync();
        await Expect(Page.Locator(".message.inbound .text")).ToHaveTextAsync("Halo, pesanan saya 987654321 belum sampai. Tolong dicek ya");
        await Page.GetByLabel("Canned response").SelectOptionAsync(new SelectOptionValue { Label = "Parcel check" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Insert" }).ClickAsync();
        await Expect(Page.GetByLabel("Reply")).ToHaveValueAsync("Halo {{first_name}}, saya Test agent. Pesanan 987654321 sedang kami cek.");
        await Expect(Page.Locator("#canned-hint")).ToHaveTextAsync("Fill in: first_name");
        await Page.GetByLabel("Reply").FillAsync(reply);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var sent = await Eventually.Until(() => Task.FromResult(Twilio.Requests.Where(r => r.Method == "POST" && r.Form().GetValueOrDefault("Body") == reply).ToList()),
            posts => posts.Count > 0, "the reply at the Twilio stand-in", TimeSpan.FromSeconds(60));
        var outbound = Page.Locator(".message.outbound", new() { HasText = reply });
        await Expect(outbound.Locator(".delivery")).ToHaveTextAsync("delivery: queued", new() { Timeout = 60_000 });

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(sent[0].Form()["To"], Is.EqualTo(customer));
        Assert.That(navigations, Is.Zero, "the new conversation and the delivery state came without a reload");

        await PostSmsAsync(TwilioWebhooks.NewCustomerNumber(), "Saya kecewa sekali, barangnya rusak dan saya mau refund!");
        await PostSmsAsync(TwilioWebhooks.NewCustomerNumber(), "Hi, do you have the blue jacket in size M? I'd like to buy two.");
        await Expect(Page.Locator(".queue-item")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        await TakeScreenshotAsync("inbox.png");
    }

    [Test]
    public async Task Markup_in_a_customers_message_is_shown_as_text_and_never_runs()
    {
        await SignInAsTheOnlyOnlineAgentAsync();
        var customer = TwilioWebhooks.NewCustomerNumber();
        const string hostile = "<script>alert(1)</script> and <img src=x onerror=alert(1)>";

        await PostSmsAsync(customer, hostile);
        var item = Page.Locator(".queue-item", new() { HasText = customer });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await item.ClickAsync();
        var message = Page.Locator(".message.inbound .text");
        await Expect(message).ToHaveTextAsync(hostile);

        Assert.That(await message.TextContentAsync(), Is.EqualTo(hostile));
        Assert.That(await item.Locator(".preview").TextContentAsync(), Is.EqualTo(hostile));
        Assert.That(await Page.Locator("img").CountAsync(), Is.Zero, "no <img> element was made from the message");
        Assert.That(await Page.Locator("body script").CountAsync(), Is.Zero, "no <script> element was made from the message");
        Assert.That(Dialogs, Is.Empty, "no alert ran");
    }

    [Test]
    public async Task J_and_k_move_through_the_queue_r_goes_to_the_reply_box_and_e_resolves()
    {
        await SignInAsTheOnlyOnlineAgentAsync();
        var first = TwilioWebhooks.NewCustomerNumber();
        var second = TwilioWebhooks.NewCustomerNumber();
        await PostSmsAsync(first, "Where is my parcel? It has not arrived.");
        await Expect(Page.Locator(".queue-item", new() { HasText = first })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await PostSmsAsync(second, "My parcel is late too.");
        await Expect(Page.Locator(".queue-item")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        var items = Page.Locator(".queue-item");
        var top = await items.Nth(0).GetAttributeAsync("data-conversation-id");
        var next = await items.Nth(1).GetAttributeAsync("data-conversation-id");

        await Page.Locator("body").PressAsync("j");
        await Expect(Page.Locator(".queue-item.selected")).ToHaveAttributeAsync("data-conversation-id", top!);
        await Page.Locator("body").PressAsync("j");
        await Expect(Page.Locator(".queue-item.selected")).ToHaveAttributeAsync("data-conversation-id", next!);
        await Page.Locator("body").PressAsync("k");
        await Expect(Page.Locator(".queue-item.selected")).ToHaveAttributeAsync("data-conversation-id", top!);
        await Expect(Page.Locator("#customer-name")).ToHaveTextAsync(await items.Nth(0).Locator(".name").TextContentAsync() ?? "");
        await Page.Locator("body").PressAsync("r");
        await Expect(Page.GetByLabel("Reply")).ToBeFocusedAsync();
        await Page.GetByLabel("Reply").PressAsync("Escape");
        await Page.Locator("body").PressAsync("e");

        await Expect(Page.Locator($".queue-item[data-conversation-id='{top}']")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".queue-item.selected")).ToHaveAttributeAsync("data-conversation-id", next!);
        var resolved = await Host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{top}");
        Assert.That(resolved!.Status, Is.EqualTo("resolved"));
    }

    [Test]
    public async Task A_new_message_in_the_open_conversation_leaves_the_agent_typing_where_they_were()
    {
        var customer = await OpenANewCustomersSmsAsync("Where is my parcel?");
        var reply = Page.GetByLabel("Reply");
        await reply.ClickAsync();
        await Page.Keyboard.TypeAsync("kami cek ya");
        // The caret back at the start, where setting the text alone would not leave it.
        await Page.Keyboard.PressAsync("Home");

        await PostSmsAsync(customer, "Nomor pesanan saya 12345");
        await Expect(Page.Locator(".message.inbound")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(reply).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Halo kak, ");

        await Expect(reply).ToHaveValueAsync("Halo kak, kami cek ya");
    }

    [Test]
    public async Task A_new_message_in_the_open_conversation_keeps_the_open_panels_a_started_tag_correction_the_canned_choice_and_the_scroll()
    {
        var title = $"Opening hours {Guid.NewGuid():N}"[..24];
        using (var canned = await Host.Admin.PostAsJsonAsync("/api/canned-responses", new { title, body = "Kami buka setiap hari pukul 09.00–21.00." }))
        {
            Assert.That(canned.StatusCode, Is.EqualTo(HttpStatusCode.Created), await canned.Content.ReadAsStringAsync());
        }

        var customer = await OpenANewCustomersSmsAsync(string.Concat(Enumerable.Repeat("Paket saya belum sampai, tolong dicek. ", 40)));
        await Page.SetViewportSizeAsync(1440, 500);
        await Page.GetByLabel("Canned response").SelectOptionAsync(new SelectOptionValue { Label = title });
        await Page.Locator("details[data-panel=why] summary").ClickAsync();
        await Page.Locator("details[data-panel=correct] summary").ClickAsync();
        var form = Page.Locator("#tag-form");
        var stage = await form.Locator("select[name=journeyStage]").InputValueAsync();
        var otherStage = new[] { "insight", "promotion" }.First(s => s != stage);
        await form.Locator("select[name=journeyStage]").SelectOptionAsync(otherStage);
        var complaint = form.Locator("input[name=complaint]");
        var complaintWas = await complaint.IsCheckedAsync();
        await complaint.SetCheckedAsync(!complaintWas);
        var messages = Page.Locator("#messages");
        Assert.That(await messages.EvaluateAsync<bool>("m => m.scrollHeight > m.clientHeight + 100"), Is.True, "the messages overflow their pane");
        await messages.EvaluateAsync("m => { m.scrollTop = 40; }");
        // Last, so that the agent is typing in the note when the message comes.
        await form.Locator("input[name=note]").FillAsync("pelanggan tanya jam buka");

        await PostSmsAsync(customer, "Nomor pesanan saya 12345");
        await Expect(Page.Locator(".message.inbound")).ToHaveCountAsync(2, new() { Timeout = 60_000 });

        await Expect(Page.Locator("details[data-panel=why]")).ToHaveAttributeAsync("open", "");
        await Expect(Page.Locator("details[data-panel=correct]")).ToHaveAttributeAsync("open", "");
        await Expect(form.Locator("select[name=journeyStage]")).ToHaveValueAsync(otherStage);
        Assert.That(await complaint.IsCheckedAsync(), Is.EqualTo(!complaintWas));
        Assert.That(await Page.GetByLabel("Canned response").EvaluateAsync<string>("s => s.selectedOptions[0].textContent"), Is.EqualTo(title));
        Assert.That(await messages.EvaluateAsync<double>("m => m.scrollTop"), Is.EqualTo(40), "still where the agent scrolled to");
        // Still in the note: the letters go there, not to the shortcuts (e resolves, k goes to the previous conversation).
        await Page.Keyboard.TypeAsync(", sudah dicek");
        await Expect(form.Locator("input[name=note]")).ToHaveValueAsync("pelanggan tanya jam buka, sudah dicek");
        await Expect(Page.Locator("#conversation-status")).ToHaveTextAsync("open");

        // At the bottom, with the panels open, a new message is in view.
        await messages.EvaluateAsync("m => { m.scrollTop = m.scrollHeight; }");
        await PostSmsAsync(customer, "Tolong dibantu ya");
        await Expect(Page.Locator(".message.inbound")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        Assert.That(await messages.EvaluateAsync<double>("m => m.scrollHeight - m.scrollTop - m.clientHeight"), Is.LessThan(2));
    }

    [Test]
    public async Task A_reply_sent_while_a_new_message_redraws_the_conversation_leaves_the_new_reply_box_empty()
    {
        var customer = await OpenANewCustomersSmsAsync("Where is my parcel?");
        var held = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(url => url.EndsWith("/replies", StringComparison.Ordinal), route =>
        {
            held.TrySetResult(route);
            return Task.CompletedTask;
        });
        await Page.GetByLabel("Reply").FillAsync("Kami cek sekarang ya");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var reply = await held.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // While the reply is on its way, the customer writes again, and the conversation is drawn anew.
        await PostSmsAsync(customer, "Nomor pesanan saya 12345");
        await Expect(Page.Locator(".message.inbound")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeDisabledAsync();
        await reply.ContinueAsync();

        await Expect(Page.Locator(".message.outbound", new() { HasText = "Kami cek sekarang ya" })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(Page.GetByLabel("Reply")).ToHaveValueAsync("");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeEnabledAsync();
    }

    [Test]
    public async Task A_conversation_assigned_while_the_page_connects_to_live_updates_appears_without_a_reload()
    {
        var username = await BecomeTheOnlyOnlineAgentAsync();
        var negotiation = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync(url => url.Contains("/hubs/inbox/negotiate"), route =>
        {
            // Only the first negotiation waits: the page has read its queue and is about to join its groups.
            if (!negotiation.TrySetResult(route))
            {
                return route.ContinueAsync();
            }

            return Task.CompletedTask;
        });
        await SignInThroughThePageAsync(username);
        var heldNegotiation = await negotiation.Task;

        // A second page of the same agent, already in its groups, shows when the push for the new conversation has gone
        // out: before the first page joined, so only its re-read on joining can show it.
        var watcher = await Page.Context.NewPageAsync();
        await watcher.GotoAsync("/inbox.html");
        await Expect(watcher.Locator("body[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var customer = TwilioWebhooks.NewCustomerNumber();
        await PostSmsAsync(customer, "Halo, paket saya belum sampai juga");
        await Expect(watcher.Locator(".queue-item", new() { HasText = customer })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await heldNegotiation.ContinueAsync();

        await Expect(Page.Locator("body[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(Page.Locator(".queue-item", new() { HasText = customer })).ToBeVisibleAsync();
    }

    private async Task SignInAsTheOnlyOnlineAgentAsync()
    {
        await SignInThroughThePageAsync(await BecomeTheOnlyOnlineAgentAsync());
        await Expect(Page).ToHaveURLAsync(InboxUrl());
        await Expect(Page.Locator("body[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
    }

    /// <summary>The routing role gives a new conversation to the least loaded online agent: with every earlier
    /// test's agent offline, it is this one; and with earlier tests' conversations resolved, the inbox starts empty.
    /// Returns the new agent's username.</summary>
    private async Task<string> BecomeTheOnlyOnlineAgentAsync()
    {
        foreach (var open in (await Host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?status=open&pageSize=200"))!.Items)
        {
            using var resolved = await Host.Admin.PostAsync($"/api/conversations/{open.Id}/resolve", null);
        }

        foreach (var other in (await Host.Admin.GetFromJsonAsync<List<AgentJson>>("/api/agents"))!)
        {
            using var offline = await Host.Admin.PutAsJsonAsync($"/api/agents/{other.Id}/presence", new { status = "offline" });
        }

        var (_, user, client) = await Host.SignedInAgentAsync();
        client.Dispose();
        return user.Username;
    }

    /// <summary>Signs in as the only online agent, has a new customer send an SMS, and opens its conversation.</summary>
    private async Task<string> OpenANewCustomersSmsAsync(string text)
    {
        await SignInAsTheOnlyOnlineAgentAsync();
        var customer = TwilioWebhooks.NewCustomerNumber();
        await PostSmsAsync(customer, text);
        var item = Page.Locator(".queue-item", new() { HasText = customer });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await item.ClickAsync();
        await Expect(Page.Locator(".message.inbound")).ToHaveCountAsync(1);
        return customer;
    }

    private async Task PostSmsAsync(string customer, string text)
    {
        using var response = await Host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"/inbox\.html$")]
    private static partial Regex InboxUrl();

    [GeneratedRegex(@"^\(\d+\) Inbox")]
    private static partial Regex UnseenTitle();
}
