using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>A customer who comes back after their conversation was resolved gets the agent who served them.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class ReturningCustomerTests(Engines engines)
{
    private HostUnderTest host = null!;

    [SetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(engines, "returning", new Dictionary<string, string?>
    {
        // Every new message after a resolve opens a new conversation, so that only stickiness can bring the agent back.
        ["Routing:Threading:ReopenWindow"] = "00:00:00",
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
    public async Task A_new_conversation_of_a_returning_customer_goes_to_their_previous_agent_though_another_has_waited_longer()
    {
        var known = await host.CreateOnlineAgentAsync(capacity: 5);
        var returning = TwilioWebhooks.NewCustomerNumber();
        using var first = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(returning, "Pesanan #4821 belum sampai")));
        var firstConversation = await host.AssignedConversationAsync(returning);
        using var resolved = await host.Admin.PostAsync($"/api/conversations/{firstConversation!.Id}/resolve", null);
        var idle = await host.CreateOnlineAgentAsync(capacity: 5);

        using var again = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(returning, "Halo lagi, soal pesanan yang sama")));
        var conversations = await Eventually.Until(() => ConversationsOfAsync(returning),
            c => c.Count == 2 && c.All(x => x.Assignee is not null), "the returning customer's second conversation assigned");
        var newcomer = TwilioWebhooks.NewCustomerNumber();
        using var other = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(newcomer, "Halo")));
        var newcomerConversation = await host.AssignedConversationAsync(newcomer);

        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var second = conversations.Single(c => c.Id != firstConversation.Id);
        Assert.That(second.Assignee!.Id, Is.EqualTo(known.Id));
        Assert.That(second.Assignee.Reason, Does.StartWith("returning customer:"));
        Assert.That(newcomerConversation!.Assignee!.Id, Is.EqualTo(idle.Id), "without history, the agent idle longest gets the customer");
    }

    [Test]
    public async Task A_conversation_reopened_by_the_customer_goes_back_to_its_agent_though_another_has_waited_longer()
    {
        await using var reopening = await HostUnderTest.StartAsync(engines, "reopen", new Dictionary<string, string?>
        {
            ["Routing:Threading:ReopenWindow"] = "01:00:00",
        });
        var known = await reopening.CreateOnlineAgentAsync(capacity: 5);
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var first = await reopening.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket belum sampai")));
        var conversation = await reopening.AssignedConversationAsync(customer);
        using var resolved = await reopening.Admin.PostAsync($"/api/conversations/{conversation!.Id}/resolve", null);
        var idle = await reopening.CreateOnlineAgentAsync(capacity: 5);

        using var again = await reopening.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Maaf, satu pertanyaan lagi")));
        var reopened = await Eventually.Until(() => reopening.FindConversationAsync(customer),
            c => c?.Messages?.Length == 2 && c.Assignee is not null, "the reopened conversation assigned");

        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(reopened!.Id, Is.EqualTo(conversation.Id));
        Assert.That(reopened.Assignee!.Id, Is.EqualTo(known.Id), $"not the idle {idle.Id}");
        Assert.That(reopened.Assignee.Reason, Does.StartWith("returning customer:"));
    }

    private async Task<List<ConversationJson>> ConversationsOfAsync(string address)
    {
        var page = await host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=sms&pageSize=200");
        var mine = new List<ConversationJson>();
        foreach (var summary in page!.Items.Where(c => c.Customer.Address == address))
        {
            mine.Add((await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{summary.Id}"))!);
        }

        return mine;
    }
}
