using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Inbox;

/// <summary>
/// A Host takes the bus's events for its browsers only while a browser is connected to it: its bridge queue appears
/// with the first connection, before the hub answers Joined, and is gone once the last one has left, the linger (here
/// 200 ms) has passed and the broker has expired the unused queue (5 s).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class LiveBridgeTests
{
    private const string BridgeQueuePrefix = "cxinbox-inbox-bridge-";

    private HostUnderTest host = null!;
    private IReadOnlyList<BrokerQueue> queuesBeforeAnyBrowser = null!;
    private AgentJson agent = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(Engines.RealServices, "livebridge", new Dictionary<string, string?> { ["CxInbox:Live:BridgeLinger"] = "00:00:00.200" });
        queuesBeforeAnyBrowser = await Eventually.Until(() => host.Services!.QueuesAsync(), q => q.Any(queue => queue.Name.Contains("interaction-received")),
            "the Host's consumers on the broker");
        agent = await host.CreateOnlineAgentAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task The_bridge_queue_is_there_only_while_a_browser_is_connected_and_every_event_after_the_join_reaches_it()
    {
        Assert.That(queuesBeforeAnyBrowser.Where(IsBridge), Is.Empty);

        await using (var live = await LongPollingHub.ConnectAsync(host.Admin, "/hubs/inbox"))
        {
            var bridge = (await host.Services!.QueuesAsync()).Where(IsBridge).ToList();
            Assert.That(bridge.Select(q => (q.Durable, q.Exclusive)), Is.EqualTo(new[] { (false, true) }));
            Assert.That((await AssignedChangeAsync(live)).AgentId, Is.EqualTo(agent.Id));
        }

        await Eventually.Until(async () => (await host.Services!.QueuesAsync()).Count(IsBridge), count => count == 0, "the bridge queue to be removed");

        await using var again = await LongPollingHub.ConnectAsync(host.Admin, "/hubs/inbox");
        Assert.That((await AssignedChangeAsync(again)).AgentId, Is.EqualTo(agent.Id));
    }

    [Test]
    public async Task A_browser_still_connected_keeps_the_bridge_when_another_leaves()
    {
        await using var staying = await LongPollingHub.ConnectAsync(host.Admin, "/hubs/inbox");
        await using (await LongPollingHub.ConnectAsync(host.Admin, "/hubs/inbox"))
        {
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // five lingers: the bridge would have stopped consuming by now

        Assert.That((await host.Services!.QueuesAsync()).Count(IsBridge), Is.EqualTo(1));
        Assert.That((await AssignedChangeAsync(staying)).AgentId, Is.EqualTo(agent.Id));
    }

    private static bool IsBridge(BrokerQueue queue) => queue.Name.StartsWith(BridgeQueuePrefix, StringComparison.Ordinal);

    private async Task<ConversationChangedJson> AssignedChangeAsync(LongPollingHub live)
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Where is my parcel? It has not arrived."))))
        {
        }

        var conversation = (await host.AssignedConversationAsync(customer))!;
        return await live.NextAsync(conversation.Id, "assigned");
    }
}
