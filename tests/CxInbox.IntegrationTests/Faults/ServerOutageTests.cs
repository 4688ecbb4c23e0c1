using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;
using Npgsql;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// The servers go away under the Host while customers write: PostgreSQL for 30 seconds (the API answers 503
/// meanwhile), the broker's connections dropped. Each behind a <see cref="FaultProxy"/>, so only this fixture's Hosts notice. Afterwards every message
/// acknowledged to the provider must be stored exactly once and routed.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ServerOutageTests
{
    private static readonly int Customers = FaultScale.Of(40);
    private const int MessagesPerCustomer = 3;

    private RealServices services = null!;
    private FaultProxy database = null!;
    private FaultProxy broker = null!;
    private readonly List<HostProcess> hosts = [];

    [OneTimeSetUp]
    public async Task StartHostsBehindProxies()
    {
        services = await RealServices.CreateAsync("outage");
        var postgres = new NpgsqlConnectionStringBuilder(services.PostgresConnectionString);
        database = new FaultProxy(postgres.Host!, postgres.Port);
        var rabbit = new Uri(services.RabbitMqUri);
        broker = new FaultProxy(rabbit.Host, rabbit.Port);
        postgres.Host = "127.0.0.1";
        postgres.Port = database.Port;
        var proxiedBroker = new UriBuilder(rabbit) { Host = "127.0.0.1", Port = broker.Port }.Uri.ToString();

        hosts.Add(await HostProcess.StartAsync(services, "api", postgres.ConnectionString));
        hosts.Add(await HostProcess.StartAsync(services, "routing", postgres.ConnectionString, proxiedBroker));
        hosts.Add(await HostProcess.StartAsync(services, "ingress", rabbitMq: proxiedBroker));
    }

    [OneTimeTearDown]
    public async Task StopEverything()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (broker is not null)
        {
            await broker.DisposeAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Test]
    public async Task Thirty_seconds_without_the_database_and_a_dropped_broker_connection_lose_and_duplicate_nothing()
    {
        using var admin = hosts[0].CreateClient(admin: true);
        // Enough agents (at most 100 conversations each) for every conversation of the scenario.
        for (var i = 0; i < (Customers / 2 * 3 + 99) / 100; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/agents", new { name = $"Ayu {i}", capacity = 100, status = "online" });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var webhooks = hosts[2].CreateClient();
        var acknowledged = new ConcurrentBag<string>();

        await SendAsync(webhooks, acknowledged, Customers / 2);
        database.Cut();
        await SendAsync(webhooks, acknowledged, Customers / 2);
        using var duringOutage = await admin.GetAsync("/api/agents");
        await Task.Delay(TimeSpan.FromSeconds(30));
        database.Restore();
        var recovering = System.Diagnostics.Stopwatch.StartNew();
        broker.Cut();
        await Task.Delay(TimeSpan.FromSeconds(1));
        broker.Restore();
        await SendAsync(webhooks, acknowledged, Customers / 2);

        await Eventually.Until(async () => acknowledged.Except((await services.StoredInboundMessagesAsync()).Keys).Count(), missing => missing == 0,
            "every acknowledged message stored (the value is how many are missing)", FaultScale.Deadline(TimeSpan.FromMinutes(2)));
        var stored = await services.StoredInboundMessagesAsync();
        FaultReport.Inbound("PostgreSQL away 30 s, broker connections dropped", Customers / 2 * 3 * MessagesPerCustomer, acknowledged, stored, 0, recovering.Elapsed);
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NULL"),
            n => n == 0, "every conversation with an agent", FaultScale.Deadline(TimeSpan.FromMinutes(1)));

        Assert.That(duringOutage.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the API says the store is away");
        Assert.That(duringOutage.Headers.RetryAfter, Is.Not.Null);
        Assert.That(duringOutage.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(acknowledged, Is.Not.Empty);
        Assert.That(stored.Where(s => s.Value > 1).Select(s => s.Key), Is.Empty, "no message stored twice");
        Assert.That(await services.ScalarAsync("SELECT COUNT(*) FROM conversations"), Is.EqualTo(Customers / 2 * 3));
    }

    // Each customer writes MessagesPerCustomer messages; like a provider, a refused webhook is sent again.
    private static async Task SendAsync(HttpClient webhooks, ConcurrentBag<string> acknowledged, int customers) =>
        await Parallel.ForEachAsync(Enumerable.Range(0, customers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, ct) =>
        {
            var number = TwilioWebhooks.NewCustomerNumber();
            for (var m = 0; m < MessagesPerCustomer; m++)
            {
                if (await TwilioWebhooks.DeliverAsync(webhooks, TwilioWebhooks.Sms(number, $"Pesan {m}: tolong dicek"), 20, () => { }, ct) is { } sid)
                {
                    acknowledged.Add(sid);
                }
            }
        });
}
