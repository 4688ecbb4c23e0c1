using System.Collections.Concurrent;
using System.Diagnostics;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// The real RabbitMQ stopped (<c>rabbitmqctl stop_app</c>) and started again while customers write. This pauses the
/// broker for everyone on the machine, so it is explicit: <c>--filter TestCategory=BrokerRestart</c>. Reconciled from
/// the outside: every webhook answered 2xx is stored exactly once and routed.
/// </summary>
[Category("BrokerRestart")]
[Explicit("Stops the machine's RabbitMQ for a few seconds, for every user of it; run on purpose with --filter TestCategory=BrokerRestart")]
[NonParallelizable]
public sealed class BrokerRestartTests
{
    private static readonly int Customers = FaultScale.Of(12);

    [Test]
    public async Task A_broker_restart_mid_stream_loses_and_duplicates_nothing_that_was_acknowledged()
    {
        await using var services = await RealServices.CreateAsync("brokerrestart");
        await using var host = HostUnderTest.StartRoles(services, "all");
        await host.CreateOnlineAgentAsync(capacity: 100);
        var acknowledged = new ConcurrentBag<string>();
        var (sent, refused) = (0, 0);
        TimeSpan paused = default;
        var (sentAtStop, sentAtStart) = (0, 0);
        var restart = Task.Run(async () =>
        {
            while (Volatile.Read(ref sent) < 3 * Customers)
            {
                await Task.Delay(10);
            }

            var clock = Stopwatch.StartNew();
            sentAtStop = Volatile.Read(ref sent);
            await RabbitMqCtlAsync("stop_app");
            await Task.Delay(TimeSpan.FromSeconds(3));
            await RabbitMqCtlAsync("start_app");
            paused = clock.Elapsed;
            sentAtStart = Volatile.Read(ref sent);
        });

        // Each customer keeps writing, a message every quarter second, until the broker has been back for five seconds.
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = Customers }, async (_, ct) =>
        {
            var number = TwilioWebhooks.NewCustomerNumber();
            var backSince = (DateTime?)null;
            for (var m = 0; backSince is null || DateTime.UtcNow - backSince < TimeSpan.FromSeconds(5); m++)
            {
                backSince ??= restart.IsCompleted ? DateTime.UtcNow : null;
                if (await TwilioWebhooks.DeliverAsync(host.Anonymous, TwilioWebhooks.Sms(number, $"Pesan {m}: paket belum sampai"), 60,
                        () => Interlocked.Increment(ref refused), ct) is { } sid)
                {
                    acknowledged.Add(sid);
                }

                Interlocked.Increment(ref sent);
                await Task.Delay(250, ct);
            }
        });
        await restart;
        var recovering = Stopwatch.StartNew();
        var stored = await Eventually.Until(services.StoredInboundMessagesAsync, s => acknowledged.All(s.ContainsKey),
            "every acknowledged message stored", FaultScale.Deadline(TimeSpan.FromMinutes(3)));
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NULL AND queued_at IS NULL"),
            n => n == 0, "every conversation routed", FaultScale.Deadline(TimeSpan.FromMinutes(1)));
        FaultReport.Inbound($"RabbitMQ stop_app/start_app ({paused.TotalSeconds:0.0} s)", sent, acknowledged, stored, refused, recovering.Elapsed);

        TestContext.Out.WriteLine($"webhooks answered while the broker was away: {sentAtStart - sentAtStop}; refused attempts: {refused}");
        Assert.That(sentAtStart - sentAtStop + refused, Is.Positive, "webhooks arrived while the broker was away");
        Assert.That(acknowledged, Has.Count.EqualTo(sent), "every message acknowledged in the end (the sender retries like a provider)");
        Assert.That(stored.Where(s => s.Value > 1).Select(s => s.Key), Is.Empty, "no message stored twice");
        Assert.That(acknowledged.Where(a => !stored.ContainsKey(a)), Is.Empty, "no acknowledged message lost");
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", command) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"rabbitmqctl {command}: {await process.StandardError.ReadToEndAsync()}");
    }
}
