using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>With <c>Routing:ChannelWeights:sms</c> at 0.5 an agent of capacity 1 holds two text conversations, never a
/// third; their one load figure is the sum of the weights, and resolving one frees exactly its weight.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class ChannelWeightTests(Engines engines) : HostPerTest(engines, "weights", new Dictionary<string, string?> { ["Routing:ChannelWeights:sms"] = "0.5" })
{
    [Test]
    public async Task Half_weight_conversations_fill_a_capacity_of_one_two_at_a_time()
    {
        var agent = await host.CreateOnlineAgentAsync(capacity: 1);
        var customers = Enumerable.Range(0, 3).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();

        foreach (var customer in customers)
        {
            using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Mau tanya")));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var routed = await Eventually.Until(
            async () => await Task.WhenAll(customers.Select(host.FindConversationAsync)),
            all => all.All(c => c is not null && (c.Assignee is not null || c.QueuedReason is not null)),
            "every conversation routed");
        var full = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{agent.Id}");
        var waiting = routed.Single(c => c!.Assignee is null)!;
        using var resolved = await host.Admin.PostAsync($"/api/conversations/{routed.First(c => c!.Assignee is not null)!.Id}/resolve", null);
        var drained = await Eventually.Until(() => host.FindConversationAsync(waiting.Customer.Address), c => c?.Assignee is not null, "the waiting one assigned");
        var after = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{agent.Id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(routed.Count(c => c!.Assignee?.Id == agent.Id), Is.EqualTo(2));
            Assert.That(waiting.QueuedReason, Does.Contain($"{agent.Name} is full at 1/1"));
            Assert.That((full!.OpenConversations, full.Load), Is.EqualTo((2, 1m)));
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(drained!.Assignee!.Id, Is.EqualTo(agent.Id));
            Assert.That((after!.OpenConversations, after.Load), Is.EqualTo((2, 1m)));
        }
    }
}
