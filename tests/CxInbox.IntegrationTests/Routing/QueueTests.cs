using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>When nobody can take a conversation it waits, with the reason, and goes to the first agent who can.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class QueueTests(Engines engines) : HostPerTest(engines, "queue")
{
    [Test]
    public async Task A_conversation_nobody_can_take_waits_and_goes_to_the_agent_who_comes_online()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        var agent = await host.CreateAgentAsync("offline", capacity: 3);

        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, ada orang?")));
        var waiting = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.QueuedReason is not null, "the queued conversation");
        using var online = await host.Admin.PutAsJsonAsync($"/api/agents/{agent.Id}/presence", new { status = "online" });
        var assigned = await host.AssignedConversationAsync(customer);

        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(waiting!.Assignee, Is.Null);
        Assert.That(waiting.QueuedReason, Does.Contain($"{agent.Name} is offline"));
        Assert.That(online.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(assigned!.Assignee!.Id, Is.EqualTo(agent.Id));
        Assert.That(assigned.QueuedReason, Is.Null);
    }

    [Test]
    public async Task An_agent_is_never_given_more_conversations_than_their_capacity()
    {
        var agent = await host.CreateOnlineAgentAsync(capacity: 2);
        var customers = Enumerable.Range(0, 5).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();

        foreach (var customer in customers)
        {
            using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Mau tanya")));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var conversations = await Eventually.Until(
            async () => await Task.WhenAll(customers.Select(host.FindConversationAsync)),
            all => all.All(c => c is not null && (c.Assignee is not null || c.QueuedReason is not null)),
            "every conversation routed");
        var agentNow = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{agent.Id}");

        Assert.That(conversations.Count(c => c!.Assignee?.Id == agent.Id), Is.EqualTo(2));
        Assert.That(conversations.Where(c => c!.Assignee is null).Select(c => c!.QueuedReason),
            Has.Exactly(3).Contains($"{agent.Name} is full at 2/2"));
        Assert.That(agentNow!.OpenConversations, Is.EqualTo(2));
    }
}
