using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>Capacity comes back when work ends or an agent leaves, and nothing stays with someone who is not there.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class ResolveAndPresenceTests(Engines engines) : HostPerTest(engines, "resolve")
{
    [Test]
    public async Task Resolving_frees_the_agents_slot_for_the_next_waiting_conversation_and_a_quick_reply_reopens_it()
    {
        var agent = await host.CreateOnlineAgentAsync(capacity: 1);
        var first = TwilioWebhooks.NewCustomerNumber();
        var second = TwilioWebhooks.NewCustomerNumber();
        using var a = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(first, "Halo")));
        var firstConversation = await host.AssignedConversationAsync(first);
        using var b = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(second, "Halo juga")));
        await Eventually.Until(() => host.FindConversationAsync(second), c => c?.QueuedReason is not null, "the second conversation waiting");

        using var resolved = await host.Admin.PostAsync($"/api/conversations/{firstConversation!.Id}/resolve", null);
        var secondConversation = await host.AssignedConversationAsync(second);
        using var again = await host.Admin.PostAsync($"/api/conversations/{firstConversation.Id}/resolve", null);
        using var thanks = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(first, "Terima kasih, satu lagi...")));
        var reopened = await Eventually.Until(() => host.FindConversationAsync(first), c => c?.Messages?.Length == 2, "the reopened conversation");

        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(secondConversation!.Assignee!.Id, Is.EqualTo(agent.Id));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(reopened!.Id, Is.EqualTo(firstConversation.Id));
        Assert.That(reopened.Status, Is.EqualTo("open"));
    }

    [Test]
    public async Task An_agent_going_offline_hands_their_conversations_to_an_agent_who_is_online()
    {
        var leaving = await host.CreateOnlineAgentAsync(capacity: 5);
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Tolong dibantu")));
        await host.AssignedConversationAsync(customer);
        var staying = await host.CreateAgentAsync("offline", capacity: 5);
        using var online = await host.Admin.PutAsJsonAsync($"/api/agents/{staying.Id}/presence", new { status = "online" });

        using var offline = await host.Admin.PutAsJsonAsync($"/api/agents/{leaving.Id}/presence", new { status = "offline" });
        var moved = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Assignee?.Id == staying.Id, "the conversation with the agent who stayed");
        var leavingNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{leaving.Id}");

        Assert.That(moved!.Assignee!.Id, Is.EqualTo(staying.Id));
        Assert.That(leavingNow!.OpenConversations, Is.Zero);
    }
}
