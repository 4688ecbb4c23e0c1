using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CxInbox.Channels.Testing;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// The API role stopped while agents reply through it, then every role stopped together while customers write and
/// agents reply, each time started again; once with SIGKILL (nothing drains) and once with SIGTERM (the Host drains:
/// <c>CxInbox:ShutdownTimeout</c>). Reconciled from the outside, on the store and on the Twilio stand-in's own record:
/// every webhook answered 2xx is stored exactly once; every reply the API stored (answered 202 or cut off) ends
/// accepted by the provider exactly once, or failed with a reason and never accepted twice. After SIGTERM, every
/// process has exited on its own and no reply was cut off mid-send.
/// </summary>
[TestFixture(StopSignal.Kill)]
[TestFixture(StopSignal.Terminate)]
[Parallelizable(ParallelScope.Self)]
public sealed class RoleStopTests(RoleStopTests.StopSignal signal)
{
    public enum StopSignal
    {
        Kill,
        Terminate,
    }

    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    private const int RepliesPerConversation = 2;
    private const int MessagesPerCustomer = 1 + RepliesPerConversation;
    private const int Attempts = 40;
    private static readonly int Customers = FaultScale.Of(40);

    private readonly ConcurrentDictionary<string, int> acceptedByText = new();
    private RealServices services = null!;
    private ScriptedProvider twilio = null!;
    private readonly List<HostProcess> hosts = [];
    private int refusedWebhooks;
    private int refusedReplies;
    private TimeSpan longestDrain;

    [OneTimeSetUp]
    public async Task StartOneProcessPerRoleAndTwilio()
    {
        twilio = await ScriptedProvider.StartAsync(Accept);
        services = await RealServices.CreateAsync(signal == StopSignal.Kill ? "rolekill" : "roleterm");
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Twilio:ApiBaseUrl"] = twilio.BaseAddress.ToString(),
            ["CxInbox:ShutdownTimeout"] = ShutdownTimeout.ToString(),
            // A reply the api stored but could not publish, or one cut off mid-send, is settled within the test's wait.
            ["CxInbox:Replies:RepublishAfter"] = "00:00:05",
            ["CxInbox:Replies:SendLease"] = "00:00:30",
        };
        foreach (var role in new[] { "api", "routing", "ingress" })
        {
            hosts.Add(await HostProcess.StartAsync(services, role, settings: settings));
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

        if (twilio is not null)
        {
            await twilio.DisposeAsync();
        }
    }

    [Test]
    public async Task Stopping_the_api_and_then_every_role_loses_no_webhook_and_sends_no_reply_twice()
    {
        var (api, router, ingress) = (hosts[0], hosts[1], hosts[2]);
        using var admin = api.CreateClient(admin: true);
        // A killed process refuses or cuts the connection at once; a long timeout only spares a slow, loaded machine.
        admin.Timeout = TimeSpan.FromSeconds(60);
        for (var i = 0; i < (Customers + 99) / 100; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/agents", new { name = $"Agent {i}", capacity = 100, status = "online" });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var webhooks = ingress.CreateClient();
        webhooks.Timeout = TimeSpan.FromSeconds(60);
        var acknowledged = new ConcurrentBag<string>();
        var numbers = Enumerable.Range(0, Customers).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        foreach (var number in numbers)
        {
            acknowledged.Add((await TwilioWebhooks.DeliverAsync(webhooks, TwilioWebhooks.Sms(number, "Pesan 0: paket saya belum sampai"), Attempts,
                () => Interlocked.Increment(ref refusedWebhooks), CancellationToken.None))!);
        }

        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NOT NULL"),
            n => n == Customers, "every first conversation with an agent", FaultScale.Deadline(TimeSpan.FromMinutes(2)));
        var conversations = await ConversationsAsync();

        var repliesAnswered = new ConcurrentBag<Guid>();
        var repliesTried = 0;
        var totalReplies = Customers * RepliesPerConversation;
        var faults = Task.Run(async () =>
        {
            await Until(() => Volatile.Read(ref repliesTried) >= totalReplies / 4);
            await StopAsync(api);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await api.StartAsync();
            await Until(() => Volatile.Read(ref repliesTried) >= totalReplies / 2);
            await Task.WhenAll(hosts.Select(StopAsync));
            await Task.Delay(TimeSpan.FromSeconds(1));
            // The ingress last: agents get through to the api again while customers still find the ingress down.
            foreach (var host in new[] { api, router, ingress })
            {
                await host.StartAsync();
            }
        });

        // Each customer writes and the agent answers, in turn. An agent whose send was refused or cut off presses send
        // again: a new reply, with its own text. A cut-off one may have been stored all the same, so the reconciliation
        // below covers every reply the store holds, not only those answered 202.
        var conversing = Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (conversation, ct) =>
        {
            for (var r = 0; r < RepliesPerConversation; r++)
            {
                if (await TwilioWebhooks.DeliverAsync(webhooks, TwilioWebhooks.Sms(conversation.Customer, $"Pesan {r + 1}: tolong dicek"), Attempts,
                        () => Interlocked.Increment(ref refusedWebhooks), ct) is { } sid)
                {
                    acknowledged.Add(sid);
                }

                if (await ReplyAsync(admin, conversation.Id, ct) is { } replyId)
                {
                    repliesAnswered.Add(replyId);
                }

                Interlocked.Increment(ref repliesTried);
            }
        });
        await Task.WhenAll(conversing, faults);
        var recovering = System.Diagnostics.Stopwatch.StartNew();

        var stored = await Eventually.Until(services.StoredInboundMessagesAsync, s => acknowledged.All(s.ContainsKey),
            "every acknowledged message stored", FaultScale.Deadline(TimeSpan.FromMinutes(2)));
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'outbound' AND delivery_status IN ('pending', 'sending')"),
            n => n == 0, "every stored reply accepted by the provider or failed (the value is how many are not)", FaultScale.Deadline(TimeSpan.FromMinutes(3)));
        var replies = await StoredRepliesAsync();
        var recovery = recovering.Elapsed;
        var delivered = replies.Where(r => r.Status is "queued" or "sent" or "delivered" or "read").ToList();
        var failed = replies.Where(r => r.Status is "failed" or "undelivered").ToList();
        var how = signal == StopSignal.Kill ? "SIGKILL" : "SIGTERM";
        FaultReport.Inbound($"{how} of the api, then of every role", Customers * MessagesPerCustomer, acknowledged, stored, refusedWebhooks, recovery);
        FaultReport.Write($"fault report: replies, {how} of the api, then of every role: replies answered 202 {repliesAnswered.Count}, " +
            $"stored {replies.Count}, delivered {delivered.Count}, failed {failed.Count} ({failed.Count(r => r.Code == "interrupted")} interrupted), " +
            $"duplicated {acceptedByText.Count(a => a.Value > 1)}, lost {repliesAnswered.Count(id => replies.All(r => r.ReplyId != id))}, " +
            $"refused attempts {refusedReplies}, provider calls {twilio.Requests.Count(r => r.Method == "POST")}, recovery {recovery.TotalSeconds:0.0} s" +
            (signal == StopSignal.Terminate ? $", longest drain {longestDrain.TotalSeconds:0.0} s (timeout {ShutdownTimeout.TotalSeconds:0} s)" : ""));

        Assert.Multiple(async () =>
        {
            Assert.That(refusedReplies, Is.Positive, "the api was down while agents were replying");
            Assert.That(refusedWebhooks, Is.Positive, "the ingress was down while customers were writing");
            Assert.That(acknowledged, Has.Count.EqualTo(Customers * MessagesPerCustomer), "every webhook acknowledged in the end");
            Assert.That(acknowledged.Except(stored.Keys), Is.Empty, "no acknowledged message lost");
            Assert.That(stored.Where(s => s.Value > 1).Select(s => s.Key), Is.Empty, "no message stored twice");
            Assert.That(repliesAnswered, Has.Count.EqualTo(totalReplies), "every reply answered 202 in the end");
            Assert.That(repliesAnswered.Where(id => replies.All(r => r.ReplyId != id)), Is.Empty, "every reply answered 202 is stored");
            Assert.That(delivered.Count + failed.Count, Is.EqualTo(replies.Count), "every stored reply settled");
            Assert.That(acceptedByText.Where(a => a.Value > 1).Select(a => a.Key), Is.Empty, "no reply accepted by the provider twice");
            foreach (var reply in delivered)
            {
                Assert.That(acceptedByText.GetValueOrDefault(reply.Text), Is.EqualTo(1), $"delivered reply {reply.ReplyId} accepted exactly once");
            }

            foreach (var reply in failed)
            {
                Assert.That(reply.Error, Is.Not.Null.And.Not.Empty, $"failed reply {reply.ReplyId} says why");
                // Cut off between the provider's acceptance and the record of it: the customer may have it, once.
                Assert.That(acceptedByText.GetValueOrDefault(reply.Text), reply.Code == "interrupted" ? (NUnit.Framework.Constraints.IResolveConstraint)Is.AtMost(1) : Is.Zero,
                    $"failed reply {reply.ReplyId} ({reply.Code}) not accepted");
            }

            if (signal == StopSignal.Terminate)
            {
                Assert.That(failed.Where(r => r.Code == "interrupted").Select(r => r.ReplyId), Is.Empty, "SIGTERM let every send in flight finish");
            }

            Assert.That(await services.AgentsWithWrongLoadAsync(), Is.Zero, "no agent above capacity, and each agent's load is their conversations");
            Assert.That(await services.OrphanedConversationsAsync(), Is.Zero, "every open conversation with an online agent or queued");
        });
    }

    private async Task StopAsync(HostProcess host)
    {
        if (signal == StopSignal.Kill)
        {
            host.Kill();
            return;
        }

        // The drain's length is a figure for the report; the deadline only keeps a hung process from hanging the test.
        var (took, exitCode) = await host.TerminateAsync(ShutdownTimeout + TimeSpan.FromMinutes(1));
        Assert.That(exitCode, Is.Zero, $"the {host.Roles} host exited cleanly after SIGTERM");
        lock (hosts)
        {
            longestDrain = took > longestDrain ? took : longestDrain;
        }
    }

    private ProviderAnswer Accept(ProviderRequest request, int call)
    {
        if (request.Method != "POST")
        {
            return new ProviderAnswer(HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""");
        }

        acceptedByText.AddOrUpdate(request.Form()["Body"], 1, (_, n) => n + 1);
        return new ProviderAnswer(HttpStatusCode.Created, $$"""{"sid": "SM{{call:D32}}", "status": "queued"}""");
    }

    private async Task<Guid?> ReplyAsync(HttpClient agent, Guid conversation, CancellationToken ct)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            try
            {
                using var replied = await agent.PostAsJsonAsync($"/api/conversations/{conversation}/replies",
                    new { text = $"Kami cek sekarang ({Guid.NewGuid():N})" }, ct);
                if (replied.StatusCode == HttpStatusCode.Accepted)
                {
                    return (await replied.Content.ReadFromJsonAsync<ReplyAnswer>(ct))!.ReplyId;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            Interlocked.Increment(ref refusedReplies);
            await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(attempt + 1, 8)), ct);
        }

        return null;
    }

    private async Task<List<(Guid Id, string Customer)>> ConversationsAsync()
    {
        await using var connection = await services.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id, customer_address FROM conversations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var conversations = new List<(Guid, string)>();
        while (await reader.ReadAsync())
        {
            conversations.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return conversations;
    }

    private async Task<List<StoredReply>> StoredRepliesAsync()
    {
        await using var connection = await services.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT reply_id, text, delivery_status, delivery_error_code, delivery_error FROM messages WHERE direction = 'outbound'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var replies = new List<StoredReply>();
        while (await reader.ReadAsync())
        {
            replies.Add(new StoredReply(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return replies;
    }

    private static async Task Until(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10);
        }
    }

    private sealed record ReplyAnswer(Guid ReplyId);

    private sealed record StoredReply(Guid ReplyId, string Text, string Status, string? Code, string? Error);
}
