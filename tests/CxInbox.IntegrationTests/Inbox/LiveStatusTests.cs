using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Inbox;

/// <summary>
/// Setting a conversation aside and a snooze ending reach a connected browser: the API role and the snooze alarm
/// publish ConversationStatusChanged, and the bridge turns it into the hub's conversationChanged. The hub is read
/// the way a browser without WebSockets does, over SignalR's long-polling transport.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class LiveStatusTests
{
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost() =>
        host = await HostUnderTest.StartAsync(Engines.RealServices, "livestatus", new Dictionary<string, string?> { ["Routing:Sla:CheckInterval"] = "00:00:00.200" });

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task Pending_snoozed_and_the_end_of_a_snooze_are_pushed_as_conversation_changes_with_the_agent()
    {
        var agent = await host.CreateOnlineAgentAsync();
        var customer = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Where is my parcel? It has not arrived."))))
        {
        }

        var conversation = (await host.AssignedConversationAsync(customer))!;
        await using var live = await LongPollingHub.ConnectAsync(host.Admin, "/hubs/inbox");

        using var pending = await host.Admin.PostAsync($"/api/conversations/{conversation.Id}/pending", null);
        var pendingChange = await live.NextAsync(conversation.Id, "pending");
        using var snooze = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/snooze", new { until = DateTimeOffset.UtcNow.AddSeconds(2) });
        var snoozedChange = await live.NextAsync(conversation.Id, "snoozed");
        var wokeChange = await live.NextAsync(conversation.Id, "woke");

        Assert.That(pending.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(snooze.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(new[] { pendingChange, snoozedChange, wokeChange }.Select(c => (c.Status, c.AgentId)), Is.EqualTo(new[]
        {
            ("pending", (Guid?)agent.Id), ("snoozed", agent.Id), ("open", agent.Id),
        }));
    }
}
