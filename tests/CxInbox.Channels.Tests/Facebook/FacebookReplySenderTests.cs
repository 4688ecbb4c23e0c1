using System.Net;
using System.Text.Json;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Outbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.Facebook;

public class FacebookReplySenderTests
{
    private const string PageId = "100000000000001";
    private const string Psid = "7000000000000001";
    private const string MessageId = "m_SENT0001-ffffffffffffffffffffffffffffffff";
    private static readonly Guid ReplyId = Guid.Parse("0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60");
    private static readonly string SentJson = $$"""{"recipient_id":"{{Psid}}","message_id":"{{MessageId}}"}""";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));
    private readonly List<HttpClient> clients = [];

    [Test]
    public async Task Reply_inside_24_hours_is_a_response_posted_to_the_pages_messages_with_proof_and_bearer_token()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));
        var reply = Reply(lastCustomerMessageAt: clock.GetUtcNow().AddHours(-23));

        var outcome = await Sender(meta, clock).SendAsync(reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent(MessageId, "sent")));
        var request = meta.Requests.Single();
        var proof = FacebookVectors.AppSecretProof;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo($"/v25.0/{PageId}/messages"));
            Assert.That(request.Query, Is.EqualTo("?appsecret_proof=" + proof.ExpectedAppsecretProof));
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer " + proof.AccessToken));
            Assert.That(request.Headers["Content-Type"], Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(request.Body, Is.EqualTo(
                """{"recipient":{"id":"7000000000000001"},"messaging_type":"RESPONSE","message":{"text":"Halo Rina, pesanan #4821 sudah kami cek.","metadata":"cx:reply:0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60"}}"""));
        }
    }

    [Test]
    public async Task Reply_between_24_hours_and_7_days_carries_the_human_agent_tag()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));
        var reply = Reply(lastCustomerMessageAt: clock.GetUtcNow().AddHours(-30));

        var outcome = await Sender(meta, clock).SendAsync(reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent(MessageId, "sent")));
        Assert.That(meta.Requests.Single().Body, Is.EqualTo(
            """{"recipient":{"id":"7000000000000001"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"Halo Rina, pesanan #4821 sudah kami cek.","metadata":"cx:reply:0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60"}}"""));
    }

    [Test]
    public async Task Reply_more_than_7_days_after_the_customer_wrote_is_refused_without_calling_meta()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));
        var reply = Reply(lastCustomerMessageAt: new DateTimeOffset(2026, 11, 14, 9, 29, 0, TimeSpan.Zero));

        var outcome = await Sender(meta, clock).SendAsync(reply, CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo("window_closed"));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Reason, Does.Contain("2026-11-14 09:29 UTC").And.Contain("7 days").And.Contain("2026-11-21 09:29 UTC"));
            Assert.That(meta.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Reply_to_a_customer_who_never_wrote_is_refused_without_calling_meta()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, clock).SendAsync(Reply(lastCustomerMessageAt: null), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).Code, Is.EqualTo("window_closed"));
            Assert.That(Failed(outcome).IsPermanent, Is.True);
            Assert.That(meta.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Without_page_id_and_app_secret_it_posts_to_me_without_a_proof()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));
        var options = Options(meta);
        options.PageId = "";
        options.AppSecret = "";

        await Sender(options, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)), CancellationToken.None);

        var request = meta.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Path, Is.EqualTo("/v25.0/me/messages"));
            Assert.That(request.Query, Is.Empty);
        }
    }

    [Test]
    public async Task Non_ascii_text_arrives_intact()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));
        const string text = "Terima kasih \U0001F64F \u2014 \"pesanan\" <#4821> & caf\u00e9";

        await Sender(meta, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)) with { Text = text }, CancellationToken.None);

        using var body = JsonDocument.Parse(meta.Requests.Single().Body);
        Assert.That(body.RootElement.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo(text));
    }

    [Test]
    public async Task Rate_limited_429_then_200_is_one_sent_after_two_identical_requests()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, call) => call == 1
            ? new ProviderAnswer(HttpStatusCode.TooManyRequests, GraphErrorJson(613, null, "Calls to this api have exceeded the rate limit."))
            : new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent(MessageId, "sent")));
            Assert.That(meta.Requests, Has.Count.EqualTo(2));
            Assert.That(meta.Requests[1].Body, Is.EqualTo(meta.Requests[0].Body));
        }
    }

    [Test]
    public async Task Rate_limit_code_in_a_400_is_retried_too()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, call) => call == 1
            ? new ProviderAnswer(HttpStatusCode.BadRequest, GraphErrorJson(32, null, "Page request limit reached"))
            : new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>());
            Assert.That(meta.Requests, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Burst_of_503_then_200_is_sent()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, call) => call <= 3
            ? new ProviderAnswer(HttpStatusCode.ServiceUnavailable, "Service Unavailable", "text/plain")
            : new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent(MessageId, "sent")));
            Assert.That(meta.Requests, Has.Count.EqualTo(4));
        }
    }

    [Test]
    public async Task Temporary_graph_error_that_never_clears_fails_not_permanent_after_every_retry()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) =>
            new ProviderAnswer(HttpStatusCode.InternalServerError, GraphErrorJson(2, null, "An unexpected error has occurred. Please retry your request later.")));
        var options = Options(meta);
        options.Resilience.MaxRetryAttempts = 2;

        var outcome = await Sender(options, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo("2"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(meta.Requests, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task Unavailable_user_551_fails_permanently_after_one_request()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) =>
            new ProviderAnswer(HttpStatusCode.BadRequest, GraphErrorJson(551, 1545041, "This person isn't available right now.")));

        var outcome = await Sender(meta, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo("551/1545041"));
            Assert.That(failed.IsPermanent, Is.True);
            Assert.That(failed.Reason, Does.Contain("blocked the Page"));
            Assert.That(meta.Requests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Expired_token_190_fails_permanently_after_one_request_and_alerts()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) =>
            new ProviderAnswer(HttpStatusCode.BadRequest, GraphErrorJson(190, 463, "Error validating access token: Session has expired.")));
        var logger = new RecordingLogger<FacebookReplySender>();

        var outcome = await Sender(Options(meta), TimeProvider.System, logger).SendAsync(RecentReply(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).IsPermanent, Is.True);
            Assert.That(Failed(outcome).Reason, Does.Contain("PageAccessToken"));
            Assert.That(meta.Requests, Has.Count.EqualTo(1));
            Assert.That(logger.Entries.Select(e => e.Level), Has.Some.EqualTo(LogLevel.Error));
            Assert.That(logger.Entries.Select(e => e.Message), Has.None.Contains(FacebookVectors.AppSecretProof.AccessToken));
        }
    }

    [Test]
    public async Task Human_agent_tag_refused_for_lack_of_permission_says_so()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) =>
            new ProviderAnswer(HttpStatusCode.BadRequest, GraphErrorJson(10, 2018108, "(#10) This message is sent outside of allowed window.")));

        var outcome = await Sender(meta, clock).SendAsync(Reply(clock.GetUtcNow().AddDays(-3)), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).IsPermanent, Is.True);
            Assert.That(Failed(outcome).Reason, Does.Contain("Human Agent permission"));
            Assert.That(meta.Requests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Timeout_is_retried_and_the_second_attempt_is_sent()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, call) => call == 1
            ? new ProviderAnswer(HttpStatusCode.OK, SentJson) with { Delay = TimeSpan.FromSeconds(10) }
            : new ProviderAnswer(HttpStatusCode.OK, SentJson));
        var options = Options(meta);
        // Long enough for the second, prompt answer even on a busy machine; far shorter than the first one's delay.
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);

        var outcome = await Sender(options, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent(MessageId, "sent")));
            Assert.That(meta.Requests, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Timeouts_on_every_attempt_fail_not_permanent_and_say_the_customer_may_have_it()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) =>
            new ProviderAnswer(HttpStatusCode.OK, SentJson) with { Delay = TimeSpan.FromSeconds(10) });
        var options = Options(meta);
        options.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        options.Resilience.MaxRetryAttempts = 1;

        var outcome = await Sender(options, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        var failed = Failed(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed.Code, Is.EqualTo("timeout"));
            Assert.That(failed.IsPermanent, Is.False);
            Assert.That(failed.Reason, Does.Contain("may or may not have received"));
            Assert.That(meta.Requests, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Unreachable_graph_fails_not_permanent()
    {
        var options = Options(new Uri("http://127.0.0.1:1"));
        options.Resilience.MaxRetryAttempts = 1;

        var outcome = await Sender(options, TimeProvider.System).SendAsync(RecentReply(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).Code, Is.EqualTo("network"));
            Assert.That(Failed(outcome).IsPermanent, Is.False);
        }
    }

    [Test]
    public async Task Text_of_2000_characters_is_sent()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)) with { Text = new string('a', 2000) }, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>());
    }

    [Test]
    public async Task Text_longer_than_2000_characters_is_refused_without_calling_meta()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)) with { Text = new string('a', 2001) }, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).Code, Is.EqualTo("text_too_long"));
            Assert.That(Failed(outcome).IsPermanent, Is.True);
            Assert.That(Failed(outcome).Reason, Does.Contain("2001"));
            Assert.That(meta.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Reply_on_another_pages_conversation_is_refused_without_calling_meta()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));

        var outcome = await Sender(meta, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)) with { ChannelAccount = "100000000000999" }, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).Code, Is.EqualTo("page_not_configured"));
            Assert.That(meta.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Unconfigured_page_token_is_refused_without_calling_meta()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, SentJson));
        var options = Options(meta);
        options.PageAccessToken = "";

        var outcome = await Sender(options, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).Code, Is.EqualTo("not_configured"));
            Assert.That(Failed(outcome).IsPermanent, Is.True);
            Assert.That(meta.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Success_without_a_message_id_is_not_reported_sent_but_not_retried_either()
    {
        await using var meta = await ScriptedProvider.StartAsync((_, _) => new ProviderAnswer(HttpStatusCode.OK, """{"recipient_id":"7000000000000001"}"""));

        var outcome = await Sender(meta, clock).SendAsync(Reply(clock.GetUtcNow().AddHours(-1)), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Failed(outcome).Code, Is.EqualTo("unexpected_response"));
            Assert.That(meta.Requests, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public void Sender_serves_the_facebook_channel()
    {
        using var http = new HttpClient();

        var sender = new FacebookReplySender(http, new StaticOptionsMonitor<FacebookOptions>(new FacebookOptions()), clock,
            NullLogger<FacebookReplySender>.Instance);

        Assert.That(sender.Channel, Is.EqualTo("facebook"));
    }

    private OutboundReply Reply(DateTimeOffset? lastCustomerMessageAt) => new()
    {
        ReplyId = ReplyId,
        ConversationId = Guid.Parse("0190f3a2-0000-7000-8000-000000000001"),
        Channel = "facebook",
        ChannelAccount = PageId,
        CustomerAddress = Psid,
        Text = "Halo Rina, pesanan #4821 sudah kami cek.",
        LastCustomerMessageId = "m_FAKE0001-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        LastCustomerMessageAt = lastCustomerMessageAt,
    };

    // For the tests whose retries and timeouts need real timers: the window is measured on the same real clock.
    private OutboundReply RecentReply() => Reply(TimeProvider.System.GetUtcNow().AddHours(-1));

    private static FacebookOptions Options(ScriptedProvider meta) => Options(meta.BaseAddress);

    private static FacebookOptions Options(Uri graph) => new()
    {
        AppSecret = FacebookVectors.AppSecretProof.AppSecret,
        PageAccessToken = FacebookVectors.AppSecretProof.AccessToken,
        PageId = PageId,
        GraphBaseUrl = graph.ToString().TrimEnd('/'),
        Resilience = new ProviderResilienceOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(5),
        },
    };

    private FacebookReplySender Sender(ScriptedProvider meta, TimeProvider time) => Sender(Options(meta), time);

    private FacebookReplySender Sender(FacebookOptions options, TimeProvider time, ILogger<FacebookReplySender>? logger = null)
    {
        var http = new HttpClient();
        clients.Add(http);
        return new(http, new StaticOptionsMonitor<FacebookOptions>(options), time, logger ?? NullLogger<FacebookReplySender>.Instance);
    }

    private static string GraphErrorJson(int code, int? subcode, string message) =>
        JsonSerializer.Serialize(new
        {
            error = new Dictionary<string, object?>
            {
                ["message"] = message,
                ["type"] = "OAuthException",
                ["code"] = code,
                ["error_subcode"] = subcode,
                ["fbtrace_id"] = "AbCdEfFAKE",
            }.Where(p => p.Value is not null).ToDictionary(),
        });

    private static SendOutcome.Failed Failed(SendOutcome outcome)
    {
        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), () => outcome.ToString());
        return (SendOutcome.Failed)outcome;
    }

    [TearDown]
    public void DisposeClients()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        clients.Clear();
    }
}
