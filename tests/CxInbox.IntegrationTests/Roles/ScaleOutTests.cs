using System.Net;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Roles;

/// <summary>
/// Three routers compete for a few thousand messages from a few hundred customers. Whatever order they handle them
/// in, the database must end as one router would have left it: every message stored once, capacity never
/// exceeded, every open conversation with an online agent or in the queue, and each conversation's tags those of
/// its customer's latest message (with any complaint kept).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ScaleOutTests
{
    private const int Customers = 200;
    private const int MessagesPerCustomer = 10;
    private const int Agents = 6;
    private const int Capacity = 25;

    private static readonly string[] Texts =
    [
        "Paket saya belum sampai, sudah 5 hari nunggu",
        "Berapa harga paket premium untuk 12 bulan?",
        "Saya mau retur barang, ukurannya salah",
        "Ada promo apa bulan ini?",
        "How do I reset the password of my account?",
        "This is the third time the app crashed, I am really disappointed",
        "Thanks, the order arrived today",
    ];

    private RealServices services = null!;
    private readonly List<HostUnderTest> hosts = [];

    [OneTimeSetUp]
    public async Task StartThreeRoutersAndOneOfEachOtherRole()
    {
        services = await RealServices.CreateAsync("scale");
        hosts.Add(HostUnderTest.StartRoles(services, "api"));
        hosts.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => HostUnderTest.StartRoles(services, "routing")))));
        hosts.Add(HostUnderTest.StartRoles(services, "ingress"));
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Test]
    public async Task Thousands_of_messages_through_three_routers_end_as_one_router_would_leave_them()
    {
        var api = hosts[0];
        var ingress = hosts[^1];
        for (var i = 0; i < Agents; i++)
        {
            await api.CreateOnlineAgentAsync(capacity: Capacity);
        }

        var numbers = Enumerable.Range(0, Customers).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        var refused = 0;
        // Each customer writes one message after the other, as people do; customers write at the same time.
        await Parallel.ForEachAsync(numbers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (number, ct) =>
        {
            for (var m = 0; m < MessagesPerCustomer; m++)
            {
                var text = Texts[(m * 3 + numbers.IndexOf(number)) % Texts.Length];
                using var response = await ingress.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(number, text)), ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        });

        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'"),
            n => n == Customers * MessagesPerCustomer, "every message stored", TimeSpan.FromMinutes(3));
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NULL AND queued_at IS NULL"),
            n => n == 0, "every conversation routed", TimeSpan.FromMinutes(1));

        Assert.That(refused, Is.Zero, "every webhook accepted");
        Assert.Multiple(async () =>
        {
            Assert.That(await services.ScalarAsync("SELECT COUNT(DISTINCT provider_message_id) FROM messages WHERE direction = 'inbound'"),
                Is.EqualTo(Customers * MessagesPerCustomer), "each message stored once");
            Assert.That(await services.ScalarAsync("SELECT COUNT(*) FROM conversations"), Is.EqualTo(Customers), "one conversation per customer");
            Assert.That(await services.AgentsWithWrongLoadAsync(), Is.Zero, "no agent above capacity, and each agent's load is their conversations");
            Assert.That(await services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NOT NULL"), Is.EqualTo(Agents * Capacity),
                "every slot taken while customers wait");
            Assert.That(await services.OrphanedConversationsAsync(), Is.Zero, "every open conversation with an online agent or queued");
            Assert.That(await services.ScalarAsync("""
                SELECT COUNT(*) FROM conversations c
                WHERE c.journey_stage IS DISTINCT FROM (SELECT m.journey_stage FROM messages m
                                                       WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                                                       ORDER BY m.sent_at DESC LIMIT 1)
                   OR c.complaint <> (SELECT bool_or(m.complaint) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')
                """), Is.Zero, "each conversation tagged by its latest message, with any complaint kept");
        });
    }
}
