using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using CxInbox.Channels.Testing;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// Agents reply while the Twilio stand-in answers 429 with Retry-After, a burst of 503s and requests it holds past the
/// client's timeout, between ordinary acceptances. Reconciled from the outside: every reply ends accepted by the
/// provider exactly once, or failed with a reason, and none is left in flight.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class OutboundFaultTests
{
    private static readonly int Replies = FaultScale.Of(30);

    private readonly ConcurrentDictionary<string, int> acceptedByText = new();
    private ScriptedProvider twilio = null!;
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHostAndAnUnreliableTwilio()
    {
        twilio = await ScriptedProvider.StartAsync(Respond);
        host = await HostUnderTest.StartAsync(Engines.RealServices, "outbound", new Dictionary<string, string?>
        {
            ["Channels:Twilio:ApiBaseUrl"] = twilio.BaseAddress.ToString(),
            // A held request costs two seconds, not ten.
            ["Channels:Twilio:Resilience:AttemptTimeout"] = "00:00:02",
            // With the default breaker the 503 burst opens it and the remaining replies fail at once (visibly, with
            // the reason): that is covered by the senders' own tests. Here the retries are what is under test.
            ["Channels:Twilio:Resilience:MinimumThroughput"] = "1000",
        });
        // Enough agents (at most 100 conversations each) for every reply's conversation.
        for (var i = 0; i < (Replies + 99) / 100; i++)
        {
            await host.CreateOnlineAgentAsync(capacity: 100);
        }
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (twilio is not null)
        {
            await twilio.DisposeAsync();
        }
    }

    [Test]
    public async Task Under_429s_503_bursts_and_timeouts_every_reply_is_delivered_once_or_marked_failed_with_a_reason()
    {
        var customers = Enumerable.Range(0, Replies).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        foreach (var customer in customers)
        {
            using var sms = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai")));
        }

        var conversations = new List<ConversationJson>();
        foreach (var customer in customers)
        {
            // The first waits for the router to work through every customer's message: longer in the long form.
            conversations.Add((await host.AssignedConversationAsync(customer, FaultScale.Deadline(TimeSpan.FromSeconds(20))))!);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var texts = new Dictionary<Guid, string>();
        foreach (var conversation in conversations)
        {
            var text = $"Kami cek sekarang ({Guid.NewGuid():N})";
            texts[conversation.Id] = text;
            using var replied = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/replies", new { text });
            Assert.That(replied.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var outcomes = new Dictionary<Guid, DeliveryJson>();
        foreach (var conversation in conversations)
        {
            var reply = await Eventually.Until(async () => (await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{conversation.Id}"))!
                    .Messages!.LastOrDefault(m => m.Direction == "outbound")?.Delivery,
                d => d is { Status: not ("pending" or "sending") }, "the reply accepted or failed", FaultScale.Deadline(TimeSpan.FromMinutes(3)));
            outcomes[conversation.Id] = reply!;
        }

        var delivered = outcomes.Where(o => o.Value.Status is "queued" or "sent" or "delivered").ToList();
        var failed = outcomes.Where(o => o.Value.Status is "failed" or "undelivered").ToList();
        FaultReport.Write($"fault report: replies under 429/503 bursts/timeouts: replies sent {Replies}, delivered {delivered.Count}, " +
            $"failed {failed.Count}, duplicated {acceptedByText.Count(a => a.Value > 1)}, lost {Replies - delivered.Count - failed.Count}, " +
            $"provider calls {twilio.Requests.Count(r => r.Method == "POST")}, all settled after {started.Elapsed.TotalSeconds:0.0} s");

        Assert.Multiple(() =>
        {
            Assert.That(delivered.Count + failed.Count, Is.EqualTo(Replies), "every reply settled");
            Assert.That(delivered, Is.Not.Empty, "the provider accepted some");
            Assert.That(twilio.Requests.Count(r => r.Method == "POST"), Is.GreaterThan(Replies), "faults made the sender try again");
            foreach (var (conversation, _) in delivered)
            {
                Assert.That(acceptedByText.GetValueOrDefault(texts[conversation]), Is.EqualTo(1), "a delivered reply was accepted exactly once");
            }

            foreach (var (conversation, delivery) in failed)
            {
                Assert.That(acceptedByText.GetValueOrDefault(texts[conversation]), Is.Zero, "a failed reply was never accepted");
                Assert.That(delivery.Error, Is.Not.Null.And.Not.Empty, "a failed reply says why");
            }
        });
    }

    // Call by call: a burst of 503s, and otherwise in turn 429 with Retry-After, a request held past the client's
    // timeout (then refused, so it never counts as accepted), and an acceptance.
    private ProviderAnswer Respond(ProviderRequest request, int call)
    {
        if (request.Method != "POST")
        {
            return new ProviderAnswer(HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""");
        }

        if (call is >= 10 and < 25)
        {
            return new ProviderAnswer(HttpStatusCode.ServiceUnavailable, """{"code": 20503, "message": "Service unavailable"}""");
        }

        switch (call % 4)
        {
            case 1:
                return new ProviderAnswer(HttpStatusCode.TooManyRequests, """{"code": 20429, "message": "Too many requests"}""").WithHeader("Retry-After", "1");
            case 2:
                return new ProviderAnswer(HttpStatusCode.ServiceUnavailable, """{"code": 20503, "message": "held"}""") with { Delay = TimeSpan.FromSeconds(5) };
            default:
                acceptedByText.AddOrUpdate(request.Form()["Body"], 1, (_, n) => n + 1);
                return new ProviderAnswer(HttpStatusCode.Created, $$"""{"sid": "SM{{call:D32}}", "status": "queued"}""");
        }
    }
}
