using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.X;

/// <summary>Both X senders against a local stand-in for api.x.com.</summary>
public class XReplySenderTests
{
    private const string DmText = "Halo Rina, refund sudah kami proses hari ini.";
    private const string PostText = "Mohon maaf kak, kami cek sekarang ya. Detailnya kami kirim via DM.";
    private const string CustomerPost = "1900000000000000201";

    // The x-oauth1-dm-send-json-body vector's timestamp.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1795000500);

    private static readonly ProviderAnswer DmCreated = new ProviderAnswer(HttpStatusCode.Created,
        """{"data":{"dm_conversation_id":"1500000000000000001-1600000000000000002","dm_event_id":"1900000000000000301"}}""");

    private static readonly ProviderAnswer PostCreated = new ProviderAnswer(HttpStatusCode.Created,
        $$"""{"data":{"id":"1900000000000000401","text":"{{PostText}}","edit_history_post_ids":["1900000000000000401"]} }""");

    private static readonly ProviderAnswer ServiceUnavailable = Problem(HttpStatusCode.ServiceUnavailable, "about:blank", "Service Unavailable");

    private FakeTimeProvider signingClock = null!;
    private HttpClient http = null!;

    [SetUp]
    public void CreateClient()
    {
        signingClock = new FakeTimeProvider(Now);
        http = new HttpClient();
    }

    [TearDown]
    public void DisposeClient() => http.Dispose();

    [Test]
    public async Task Dm_is_posted_to_the_customer_s_conversation_as_json_signed_for_the_brand_account()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => DmCreated);

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000301", "sent")));
        var request = server.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/2/dm_conversations/with/1600000000000000002/messages"));
            Assert.That(request.Query, Is.Empty);
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
            // Byte for byte the body of the x-oauth1-dm-send-json-body vector.
            Assert.That(request.Body, Is.EqualTo("""{"text":"Halo Rina, refund sudah kami proses hari ini."}"""));
        }

        var oauth = XSenderFixture.AssertSignedByTheBrand(server, request);
        Assert.That(oauth["oauth_timestamp"], Is.EqualTo("1795000500"));
    }

    [Test]
    public async Task Post_reply_answers_the_customer_s_newest_post_signed_for_the_brand_account()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => PostCreated);

        var outcome = await PostSender(server).SendAsync(XSenderFixture.Reply(XChannels.Posts, PostText, CustomerPost), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000401", "sent")));
        var request = server.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/2/tweets"));
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse(
                $$"""{"text":"{{PostText}}","reply":{"in_reply_to_tweet_id":"1900000000000000201"} }""")), Is.True, request.Body);
        }

        var oauth = XSenderFixture.AssertSignedByTheBrand(server, request);
        Assert.That(oauth["oauth_timestamp"], Is.EqualTo("1795000500"));
    }

    [Test]
    public async Task Non_ascii_text_is_sent_as_written()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => DmCreated);

        await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, "Terima kasih \U0001F64F \"kak\""), CancellationToken.None);

        Assert.That(JsonNode.Parse(server.Requests.Single().Body)!["text"]!.GetValue<string>(), Is.EqualTo("Terima kasih \U0001F64F \"kak\""));
    }

    [Test]
    public async Task Rate_limited_dm_waits_until_x_rate_limit_reset_then_is_sent_once()
    {
        var clock = new FakeTimeProvider(Now);
        var reset = Now.AddSeconds(20);
        var seenAt = new ConcurrentDictionary<int, DateTimeOffset>();
        await using var server = await ScriptedProvider.StartAsync((_, call) =>
        {
            seenAt[call] = clock.GetUtcNow();
            return call == 1 ? RateLimited(reset) : DmCreated;
        });
        var sender = XSenderFixture.DirectMessages(http, XSenderFixture.Options(server), clock, clock);

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sending = sender.SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), limit.Token);
        await XSenderFixture.WaitForRequestsAsync(server, 1);
        while (!sending.IsCompleted && clock.GetUtcNow() < Now.AddMinutes(5))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(sending, Task.Delay(20));
        }

        var outcome = await sending;

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000301", "sent")));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(seenAt[2], Is.GreaterThanOrEqualTo(reset), "the retry waited for x-rate-limit-reset, not the 1 ms backoff");
            var first = XSenderFixture.AssertSignedByTheBrand(server, server.Requests[0]);
            var second = XSenderFixture.AssertSignedByTheBrand(server, server.Requests[1]);
            Assert.That(second["oauth_nonce"], Is.Not.EqualTo(first["oauth_nonce"]), "each attempt is signed afresh");
            Assert.That(long.Parse(second["oauth_timestamp"], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(reset.ToUnixTimeSeconds()));
        }
    }

    [Test]
    public async Task Burst_of_503s_is_retried_until_x_answers()
    {
        await using var server = await ScriptedProvider.StartAsync((_, call) => call <= 3 ? ServiceUnavailable : DmCreated);

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000301", "sent")));
        Assert.That(server.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task X_unavailable_through_every_retry_is_a_transient_failure_saying_nothing_was_sent()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => ServiceUnavailable);

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(5), "the first attempt and 4 retries");
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Code, Is.EqualTo("503"));
            Assert.That(failed.Reason, Does.Contain("not sent"));
        }
    }

    [Test]
    public async Task Dm_refused_with_403_fails_permanently_after_one_request()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => Problem(HttpStatusCode.Forbidden,
            "https://api.x.com/2/problems/not-authorized-for-resource", "You are not permitted to send this message.",
            title: "Forbidden"));

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Code, Is.EqualTo("not-authorized-for-resource"));
            Assert.That(failed.Reason, Does.Contain("does not accept DMs from the brand account"));
            Assert.That(failed.Reason, Does.Contain("You are not permitted to send this message"));
        }
    }

    [TestCase(HttpStatusCode.BadRequest, "https://api.x.com/2/problems/invalid-request")]
    [TestCase(HttpStatusCode.Unauthorized, "about:blank")]
    [TestCase(HttpStatusCode.NotFound, "https://api.x.com/2/problems/resource-not-found")]
    public async Task Other_refusals_fail_permanently_after_one_request(HttpStatusCode status, string type)
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => Problem(status, type, "X's detail"));

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Reason, Does.Contain("X's detail"));
        }
    }

    [Test]
    public async Task Usage_cap_is_not_retried()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => Problem(HttpStatusCode.TooManyRequests,
            "https://api.x.com/2/problems/usage-capped", "Usage cap exceeded: Monthly product cap", title: "UsageCapExceeded"));

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.Code, Is.EqualTo("usage-capped"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain("usage cap"));
        }
    }

    [Test]
    public async Task Rate_limit_resetting_later_than_we_wait_is_not_retried_and_says_when()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => RateLimited(Now.AddMinutes(12)));
        var sender = XSenderFixture.DirectMessages(http, XSenderFixture.Options(server), new FakeTimeProvider(Now), signingClock);
        // The pipeline's clock never moves here: a retry would wait forever, so a real-time limit turns that into a failure.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), limit.Token);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.Code, Is.EqualTo("429"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain($"until {Now.AddMinutes(12):HH:mm} UTC"));
        }
    }

    [Test]
    public async Task Dm_that_timed_out_is_not_sent_again_because_the_customer_may_have_it()
    {
        await using var server = await ScriptedProvider.StartAsync((_, call) =>
            call == 1 ? DmCreated with { Delay = TimeSpan.FromSeconds(30) } : DmCreated);
        var options = XSenderFixture.Options(server, r => r.AttemptTimeout = TimeSpan.FromSeconds(1));
        var sender = XSenderFixture.DirectMessages(http, options, TimeProvider.System, signingClock);

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.Code, Is.EqualTo("timeout"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain("may or may not have gone out"));
        }
    }

    [Test]
    public async Task Dm_that_failed_with_500_is_not_sent_again_because_the_customer_may_have_it()
    {
        await using var server = await ScriptedProvider.StartAsync((_, call) =>
            call == 1 ? Problem(HttpStatusCode.InternalServerError, "about:blank", "Internal Server Error") : DmCreated);

        var outcome = await DmSender(server).SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain("may or may not have gone out"));
        }
    }

    [Test]
    public async Task Post_reply_that_timed_out_is_retried()
    {
        await using var server = await ScriptedProvider.StartAsync((_, call) =>
            call == 1 ? PostCreated with { Delay = TimeSpan.FromSeconds(30) } : PostCreated);
        var options = XSenderFixture.Options(server, r => r.AttemptTimeout = TimeSpan.FromSeconds(1));
        var sender = XSenderFixture.PostReplies(http, options, TimeProvider.System, signingClock);

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.Posts, PostText, CustomerPost), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000401", "sent")));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Post_reply_that_failed_with_502_is_retried()
    {
        await using var server = await ScriptedProvider.StartAsync((_, call) =>
            call == 1 ? Problem(HttpStatusCode.BadGateway, "about:blank", "Bad Gateway") : PostCreated);

        var outcome = await PostSender(server).SendAsync(XSenderFixture.Reply(XChannels.Posts, PostText, CustomerPost), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000401", "sent")));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Duplicate_after_a_timed_out_attempt_means_the_reply_is_already_posted()
    {
        await using var server = await ScriptedProvider.StartAsync((_, call) => call == 1
            ? PostCreated with { Delay = TimeSpan.FromSeconds(30) }
            : Problem(HttpStatusCode.Forbidden, "about:blank", "You are not allowed to create a Tweet with duplicate content.", title: "Forbidden"));
        var options = XSenderFixture.Options(server, r => r.AttemptTimeout = TimeSpan.FromSeconds(1));
        var sender = XSenderFixture.PostReplies(http, options, TimeProvider.System, signingClock);

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.Posts, PostText, CustomerPost), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(2));
            Assert.That(failed.Code, Is.EqualTo("duplicate-content"));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Reason, Does.Contain("already posted"));
        }
    }

    [Test]
    public async Task Post_reply_refused_with_403_fails_permanently_after_one_request_and_suggests_a_dm()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => Problem(HttpStatusCode.Forbidden,
            "about:blank", "Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.",
            title: "Forbidden"));

        var outcome = await PostSender(server).SendAsync(XSenderFixture.Reply(XChannels.Posts, PostText, CustomerPost), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Code, Is.EqualTo("403"));
            Assert.That(failed.Reason, Does.Contain("answer by DM"));
            Assert.That(failed.Reason, Does.Contain("not been mentioned"));
        }
    }

    [Test]
    public async Task Post_reply_without_a_customer_post_fails_permanently_without_calling_x()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => PostCreated);

        var outcome = await PostSender(server).SendAsync(XSenderFixture.Reply(XChannels.Posts, PostText, lastCustomerMessageId: null), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Is.Empty);
            Assert.That(failed.Code, Is.EqualTo("no_post_to_reply_to"));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Reason, Does.Contain("Answer by DM"));
        }
    }

    [Test]
    public async Task Post_reply_longer_than_280_characters_fails_permanently_without_calling_x()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => PostCreated);

        var outcome = await PostSender(server).SendAsync(XSenderFixture.Reply(XChannels.Posts, new string('a', 281), CustomerPost), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Is.Empty);
            Assert.That(failed.Code, Is.EqualTo("too_long"));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Reason, Does.Contain("281").And.Contain("280"));
        }
    }

    [Test]
    public async Task Post_reply_of_exactly_280_characters_is_sent()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => PostCreated);

        var outcome = await PostSender(server).SendAsync(XSenderFixture.Reply(XChannels.Posts, new string('a', 280), CustomerPost), CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>());
    }

    [Test]
    public async Task Network_failure_before_x_is_reached_is_retried_then_reported_as_not_sent()
    {
        Uri closed;
        await using (var gone = await ScriptedProvider.StartAsync((_, _) => DmCreated))
        {
            closed = gone.BaseAddress;
        }

        var options = new XOptions
        {
            ConsumerKey = XSenderFixture.ConsumerKey, ConsumerSecret = XSenderFixture.ConsumerSecret,
            AccessToken = XSenderFixture.AccessToken, AccessTokenSecret = XSenderFixture.AccessTokenSecret,
            ApiBaseUrl = closed.ToString(), Resilience = new ProviderResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1) },
        };
        var sender = XSenderFixture.DirectMessages(http, options, TimeProvider.System, signingClock);

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo("network"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain("not sent"));
        }
    }

    [Test]
    public async Task Connection_that_could_not_be_established_is_retried_even_for_a_dm()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => DmCreated);
        using var flaky = new HttpClient(new FailingFirstHandler(HttpRequestError.ConnectionError));
        var sender = XSenderFixture.DirectMessages(flaky, XSenderFixture.Options(server), TimeProvider.System, signingClock);

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("1900000000000000301", "sent")));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Dm_whose_connection_dropped_before_the_answer_is_not_sent_again()
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => DmCreated);
        using var flaky = new HttpClient(new FailingFirstHandler(HttpRequestError.ResponseEnded));
        var sender = XSenderFixture.DirectMessages(flaky, XSenderFixture.Options(server), TimeProvider.System, signingClock);

        var outcome = await sender.SendAsync(XSenderFixture.Reply(XChannels.DirectMessages, DmText), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Is.Empty);
            Assert.That(failed.Code, Is.EqualTo("network"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain("may or may not have gone out"));
        }
    }

    private static IEnumerable<TestCaseData> RefusedBeforeSending()
    {
        XOptions Configured() => new()
        {
            ConsumerKey = XSenderFixture.ConsumerKey, ConsumerSecret = XSenderFixture.ConsumerSecret,
            AccessToken = XSenderFixture.AccessToken, AccessTokenSecret = XSenderFixture.AccessTokenSecret,
            AccountId = XVectors.BrandAccountId,
        };
        var reply = XSenderFixture.Reply(XChannels.DirectMessages, DmText);
        yield return new TestCaseData(new XOptions(), reply, "not_configured").SetArgDisplayNames("no credentials");
        yield return new TestCaseData(Configured(), reply with { ChannelAccount = "1500000000000000999" }, "wrong_account")
            .SetArgDisplayNames("another brand account's thread");
        yield return new TestCaseData(Configured(), reply with { CustomerAddress = "rina_customer_fake" }, "invalid_recipient")
            .SetArgDisplayNames("screen name instead of user id");
        yield return new TestCaseData(Configured(), reply with { CustomerAddress = "../../2/tweets" }, "invalid_recipient")
            .SetArgDisplayNames("path in the address");
        yield return new TestCaseData(Configured(), reply with { Text = " " }, "empty").SetArgDisplayNames("empty text");
        yield return new TestCaseData(Configured(), reply with { Text = new string('a', 10_001) }, "too_long").SetArgDisplayNames("over 10,000");
    }

    [TestCaseSource(nameof(RefusedBeforeSending))]
    public async Task Dm_that_cannot_be_sent_fails_permanently_without_calling_x(XOptions options, OutboundReply reply, string code)
    {
        await using var server = await ScriptedProvider.StartAsync((_, _) => DmCreated);
        options.ApiBaseUrl = server.BaseAddress.ToString();

        var outcome = await XSenderFixture.DirectMessages(http, options, TimeProvider.System, signingClock).SendAsync(reply, CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Requests, Is.Empty);
            Assert.That(failed.Code, Is.EqualTo(code));
            Assert.That(failed.IsPermanent, Is.True);
        }
    }

    [Test]
    public void Senders_serve_the_two_x_channel_keys()
    {
        var options = new XOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(XSenderFixture.DirectMessages(http, options, TimeProvider.System, signingClock).Channel, Is.EqualTo("x-dm"));
            Assert.That(XSenderFixture.PostReplies(http, options, TimeProvider.System, signingClock).Channel, Is.EqualTo("x"));
        }
    }

    private XDirectMessageSender DmSender(ScriptedProvider server) =>
        XSenderFixture.DirectMessages(http, XSenderFixture.Options(server), TimeProvider.System, signingClock);

    private XPostReplySender PostSender(ScriptedProvider server) =>
        XSenderFixture.PostReplies(http, XSenderFixture.Options(server), TimeProvider.System, signingClock);

    private static ProviderAnswer RateLimited(DateTimeOffset reset) =>
        Problem(HttpStatusCode.TooManyRequests, "about:blank", "Too Many Requests", title: "Too Many Requests")
            .WithHeader("x-rate-limit-limit", "15")
            .WithHeader("x-rate-limit-remaining", "0")
            .WithHeader("x-rate-limit-reset", reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    private static ProviderAnswer Problem(HttpStatusCode status, string type, string detail, string title = "Error") =>
        new(status, new JsonObject { ["title"] = title, ["detail"] = detail, ["type"] = type, ["status"] = (int)status }.ToJsonString(),
            "application/problem+json");

    /// <summary>Fails the first request with <paramref name="error"/> before it reaches the server; the rest go through.</summary>
    private sealed class FailingFirstHandler(HttpRequestError error) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new HttpRequestException(error, $"Simulated {error}")
                : base.SendAsync(request, cancellationToken);
    }

    private static SendOutcome.Failed Failed(SendOutcome outcome)
    {
        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), () => outcome.ToString());
        return (SendOutcome.Failed)outcome;
    }
}
