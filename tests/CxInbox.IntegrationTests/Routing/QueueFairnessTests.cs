using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>Capacity that frees up goes to a waiting conversation someone can take, however many conversations
/// nobody can take wait ahead of it.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class QueueFairnessTests(Engines engines) : HostPerTest(engines, "fairness")
{
    [Test]
    public async Task An_english_conversation_behind_sixty_indonesian_ones_goes_to_the_english_agent_who_comes_online()
    {
        var indonesian = Enumerable.Range(0, 60).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        var english = TwilioWebhooks.NewCustomerNumber();
        foreach (var customer in indonesian)
        {
            await SendAsync(customer, "Halo kak, mau tanya jam buka toko hari Sabtu jam berapa ya?");
        }

        await Eventually.Until(WaitingCountAsync, waiting => waiting == indonesian.Count, "every Indonesian conversation waiting", TimeSpan.FromSeconds(90));
        await SendAsync(english, "Hello, what time does the shop open on Saturday?");
        await Eventually.Until(() => host.FindConversationAsync(english), c => c?.QueuedReason is not null, "the English conversation waiting");

        var emma = await CreateAsync(new { name = "Emma", languages = new[] { "en" }, capacity = 1, status = "online" });
        var assigned = await Eventually.Until(() => host.FindConversationAsync(english), c => c?.Assignee is not null,
            "the English conversation assigned", TimeSpan.FromSeconds(60));

        Assert.That(assigned!.Tags!.Language, Is.EqualTo("en"));
        Assert.That(assigned.Assignee!.Id, Is.EqualTo(emma.Id));
    }

    private async Task<int> WaitingCountAsync()
    {
        var page = await host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=sms&pageSize=200");
        return page!.Items.Count(c => c.QueuedReason is not null);
    }

    private async Task SendAsync(string customer, string text)
    {
        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, text)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<AgentJson> CreateAsync(object agent)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents", agent);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }
}
