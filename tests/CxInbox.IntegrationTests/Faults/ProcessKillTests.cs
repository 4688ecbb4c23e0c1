using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// The short form of the fault suite: the Host as separate processes on RabbitMQ and PostgreSQL, with a router and
/// the ingress killed by SIGKILL while customers write, then started again. Reconciled from the outside: every
/// webhook answered 2xx is stored exactly once, every open conversation is with an online agent or queued, and
/// no agent is above capacity.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ProcessKillTests
{
    private static readonly int Customers = FaultScale.Of(120);
    private const int MessagesPerCustomer = 4;
    private const int SendAttempts = 20;

    private RealServices services = null!;
    private readonly List<HostProcess> hosts = [];
    private int refusedAttempts;

    [OneTimeSetUp]
    public async Task StartOneProcessPerRoleAndTwoRouters()
    {
        services = await RealServices.CreateAsync("faults");
        // The api process migrates the database first; the others find it done.
        hosts.Add(await HostProcess.StartAsync(services, "api"));
        // One at a time, so that a start that fails leaves the ones before it in the list, to be stopped.
        foreach (var role in new[] { "routing", "routing", "ingress" })
        {
            hosts.Add(await HostProcess.StartAsync(services, role));
        }
    }

    [OneTimeTearDown]
    public async Task StopProcesses()
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
    public async Task Killing_a_router_and_the_ingress_mid_stream_loses_and_duplicates_nothing_that_was_acknowledged()
    {
        var (api, router, ingress) = (hosts[0], hosts[1], hosts[3]);
        using var admin = api.CreateClient(admin: true);
        for (var i = 0; i < 4; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/agents", new { name = $"Agent {i}", capacity = 10, status = "online" });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var acknowledged = new ConcurrentBag<string>();
        var sent = 0;
        var faults = Task.Run(async () =>
        {
            await WhenSentAtLeast(Customers * MessagesPerCustomer / 4);
            router.Kill();
            await WhenSentAtLeast(Customers * MessagesPerCustomer / 2);
            ingress.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await ingress.StartAsync();
            await router.StartAsync();
        });

        using var webhooks = ingress.CreateClient();
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var number = TwilioWebhooks.NewCustomerNumber();
            for (var m = 0; m < MessagesPerCustomer; m++)
            {
                if (await TwilioWebhooks.DeliverAsync(webhooks, TwilioWebhooks.Sms(number, $"Pesan {m}: paket saya belum sampai"), SendAttempts,
                        () => Interlocked.Increment(ref refusedAttempts), ct) is { } sid)
                {
                    acknowledged.Add(sid);
                }

                Interlocked.Increment(ref sent);
            }
        });
        await faults;
        var recovering = System.Diagnostics.Stopwatch.StartNew();

        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'"),
            n => n >= acknowledged.Count, "every acknowledged message stored", FaultScale.Deadline(TimeSpan.FromMinutes(2)));
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NULL AND queued_at IS NULL"),
            n => n == 0, "every conversation routed", FaultScale.Deadline(TimeSpan.FromMinutes(1)));
        var stored = await services.StoredInboundMessagesAsync();
        FaultReport.Inbound("SIGKILL of a router and the ingress", Customers * MessagesPerCustomer, acknowledged, stored, refusedAttempts, recovering.Elapsed);

        Assert.Multiple(async () =>
        {
            Assert.That(refusedAttempts, Is.Positive, "the ingress died while webhooks were arriving");
            Assert.That(acknowledged, Has.Count.EqualTo(Customers * MessagesPerCustomer), "every message acknowledged in the end (the sender retries like a provider)");
            Assert.That(acknowledged.Except(stored.Keys), Is.Empty, "no acknowledged message lost");
            Assert.That(stored.Where(s => s.Value > 1).Select(s => s.Key), Is.Empty, "no message stored twice");
            Assert.That(await services.AgentsWithWrongLoadAsync(), Is.Zero, "no agent above capacity, and each agent's load is their conversations");
            Assert.That(await services.OrphanedConversationsAsync(), Is.Zero, "every open conversation with an online agent or queued");
        });

        async Task WhenSentAtLeast(int count)
        {
            while (Volatile.Read(ref sent) < count)
            {
                await Task.Delay(10);
            }
        }
    }
}
