using System.Text;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.Facebook;

public class FacebookWebhookTests
{
    private const string Url = "https://cx.example.com/webhooks/facebook";
    private const string PageId = "100000000000001";
    private const string VerifyToken = "verify-me-0123";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));
    private readonly RecordingLogger<FacebookWebhook> logger = new();

    [Test]
    public async Task Message_fixture_becomes_one_interaction_answered_with_event_received()
    {
        var request = FixtureRequest("facebook-message.json", "fb-message-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
        var message = accepted.Messages[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.InteractionId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(message.Channel, Is.EqualTo("facebook"));
            Assert.That(message.ChannelAccount, Is.EqualTo(PageId));
            Assert.That(message.ProviderMessageId, Is.EqualTo("m_FAKE0001-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
            Assert.That(message.CustomerAddress, Is.EqualTo("7000000000000001"));
            Assert.That(message.CustomerName, Is.Null);
            Assert.That(message.Text, Is.EqualTo("Halo, saya mau tanya status pesanan #4821 \u2014 sudah dikirim? Terima kasih \U0001F64F"));
            Assert.That(message.ReceivedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1795000000001)));
            Assert.That(message.Attachments, Is.Empty);
            Assert.That(accepted.Statuses, Is.Empty);
            Assert.That(accepted.Response, Is.EqualTo(new WebhookResponse("text/plain", "EVENT_RECEIVED")));
        }
    }

    [Test]
    public async Task Batched_fixture_gives_exactly_the_two_customer_messages_and_not_the_echo()
    {
        var request = FixtureRequest("facebook-batched.json", "fb-batched-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages.Select(m => (m.ProviderMessageId, m.CustomerAddress, m.Text, m.ReceivedAt, m.ChannelAccount)), Is.EqualTo(new[]
        {
            ("m_FAKE0002-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "7000000000000001",
                "Sudah 5 hari belum ada kabar. Can I get a refund instead?", DateTimeOffset.FromUnixTimeMilliseconds(1795000059876), PageId),
            ("m_FAKE0004-dddddddddddddddddddddddddddddddddddddddddddddddddddddd", "7000000000000002",
                "Bicara dengan agen", DateTimeOffset.FromUnixTimeMilliseconds(1795000061010), PageId),
        }));
    }

    [Test]
    public async Task Echo_of_our_reply_in_the_batched_fixture_is_reported_sent()
    {
        var request = FixtureRequest("facebook-batched.json", "fb-batched-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Statuses, Is.EqualTo(new[]
        {
            new DeliveryStatusReported
            {
                Channel = "facebook",
                ProviderMessageId = "m_FAKE0003-cccccccccccccccccccccccccccccccccccccccccccccccccccccc",
                Status = "sent",
                ReportedAt = DateTimeOffset.FromUnixTimeMilliseconds(1795000060100),
            },
        }));
    }

    [Test]
    public async Task Attachment_fixture_keeps_both_attachments_with_their_kind_and_unescaped_url()
    {
        var request = FixtureRequest("facebook-attachment.json", "fb-attachment-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
        var message = accepted.Messages[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.ProviderMessageId, Is.EqualTo("m_FAKE0005-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"));
            Assert.That(message.Text, Is.Empty);
            Assert.That(message.Attachments.Select(a => (a.Url, a.ContentType)), Is.EqualTo(new[]
            {
                ("https://scontent.example.com/v/t1.15752-9/fake_damaged_box.jpg?_nc_cat=1&oh=00_FAKE&oe=6740A0B1", "image/*"),
                ("https://cdn.fbsbx.example.com/v/t59.2708-21/fake_struk_4821.pdf/struk_4821.pdf?_nc_cat=1&oh=00_FAKE&oe=6740A0B2", "application/octet-stream"),
            }));
        }
    }

    [Test]
    public async Task Unicode_escaped_vector_text_is_decoded()
    {
        var vector = FacebookVectors.Signature("fb-unicode-escaped");

        var accepted = Accepted(await Webhook().HandleAsync(Signed(vector.RawBody), CancellationToken.None));

        Assert.That(accepted.Messages.Single().Text, Is.EqualTo("Caf\u00e9 \u2014 Jum\u2019at jam 10? \U0001F64F lihat https://example.com/promo"));
    }

    [Test]
    public async Task Unknown_event_kinds_are_ignored_and_the_message_beside_them_is_kept()
    {
        var body = Page(
            Event("7000000000000001", "reaction", """{"mid": "m_x", "action": "react", "reaction": "love", "emoji": "\u2764"}"""),
            Event("7000000000000001", "read", """{"watermark": 1795000062000}"""),
            Event("7000000000000001", "optin", """{"ref": "ad"}"""),
            Event("7000000000000001", "something_meta_adds_in_2027", """{"x": 1}"""),
            Event("7000000000000001", "message", """{"mid": "m_keep", "text": "still here"}"""));

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted.Messages.Select(m => m.ProviderMessageId), Is.EqualTo(new[] { "m_keep" }));
            Assert.That(accepted.Statuses, Is.Empty);
            Assert.That(logger.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message),
                Has.Some.Contains("something_meta_adds_in_2027"));
        }
    }

    [Test]
    public async Task Event_without_a_mid_is_skipped_without_failing_the_batch()
    {
        var body = Page(
            Event("7000000000000001", "message", """{"text": "no mid"}"""),
            Event("7000000000000002", "message", """{"mid": "m_ok", "text": "ok"}"""),
            "42");

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        Assert.That(accepted.Messages.Select(m => m.ProviderMessageId), Is.EqualTo(new[] { "m_ok" }));
    }

    [Test]
    public async Task A_lone_surrogate_escape_in_a_signed_body_is_a_bad_request_not_an_exception()
    {
        // Found by the hostile-input suite: valid JSON syntax whose string cannot be read as text was a 500.
        var body = """{"object":"page","entry":[{"id":"\udc00x","messaging":[{"sender":"6416526599073677"}]}]}""";

        var rejected = Rejected(await Webhook().HandleAsync(Signed(Encoding.UTF8.GetBytes(body)), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("lone UTF-16 surrogate"));
        }
    }

    [Test]
    public async Task Quick_reply_arrives_as_its_title_text()
    {
        var body = Page(Event("7000000000000001",
            "message", """{"mid": "m_qr", "text": "Lacak pesanan", "quick_reply": {"payload": "TRACK_ORDER"}}"""));

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        Assert.That(accepted.Messages.Single().Text, Is.EqualTo("Lacak pesanan"));
    }

    [Test]
    public async Task Echo_without_our_metadata_is_neither_a_message_nor_a_status()
    {
        var body = Page(Event(PageId, "message", """{"mid": "m_bs", "is_echo": true, "app_id": 263902037430900, "text": "from Business Suite"}""",
            recipient: "7000000000000001"));

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted.Messages, Is.Empty);
            Assert.That(accepted.Statuses, Is.Empty);
        }
    }

    [Test]
    public async Task Delivery_receipt_reports_each_listed_mid_delivered()
    {
        var body = Page(
            Event("7000000000000001", "delivery", """{"mids": ["m_a", "m_b"], "watermark": 1795000061000}"""),
            Event("7000000000000001", "delivery", """{"watermark": 1795000061000}"""));

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        Assert.That(accepted.Statuses.Select(s => (s.Channel, s.ProviderMessageId, s.Status)),
            Is.EqualTo(new[] { ("facebook", "m_a", "delivered"), ("facebook", "m_b", "delivered") }));
    }

    [Test]
    public async Task Standby_message_is_still_a_customer_message()
    {
        var standby = Event("7000000000000001", "message", """{"mid": "m_sb", "text": "hello?"}""");
        var body = Encoding.UTF8.GetBytes($$"""
            {"object":"page","entry":[{"id":"{{PageId}}","time":1795000000000,"standby":[{{standby}}]}]}
            """);

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        Assert.That(accepted.Messages.Select(m => m.ProviderMessageId), Is.EqualTo(new[] { "m_sb" }));
    }

    [Test]
    public async Task Postback_without_a_mid_gets_the_same_stable_key_on_redelivery()
    {
        var body = Page(Event("7000000000000002", "postback", """{"title": "Mulai", "payload": "GET_STARTED"}"""));

        var first = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None)).Messages.Single();
        var again = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ProviderMessageId, Does.StartWith("postback:"));
            Assert.That(again.ProviderMessageId, Is.EqualTo(first.ProviderMessageId));
            Assert.That(first.Text, Is.EqualTo("Mulai"));
        }
    }

    [Test]
    public async Task Page_feed_changes_are_acknowledged_and_not_routed()
    {
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"page","entry":[{"id":"{{{PageId}}}","time":1795000900,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"1_2","from":{"id":"55","name":"Rina"},"message":"Kapan restock?"}}]}]}
            """);

        var accepted = Accepted(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted.Messages, Is.Empty);
            Assert.That(accepted.Statuses, Is.Empty);
        }
    }

    [Test]
    public async Task Configured_page_id_that_matches_is_accepted()
    {
        var request = FixtureRequest("facebook-batched.json", "fb-batched-fixture");

        var accepted = Accepted(await Webhook(new FacebookOptions { AppSecret = FacebookVectors.AppSecret, PageId = PageId })
            .HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Entries_for_another_page_than_the_configured_one_are_acknowledged_but_not_routed()
    {
        var request = FixtureRequest("facebook-batched.json", "fb-batched-fixture");

        var outcome = await Webhook(new FacebookOptions { AppSecret = FacebookVectors.AppSecret, PageId = "100000000000999" })
            .HandleAsync(request, CancellationToken.None);

        var accepted = Accepted(outcome);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(accepted.Messages, Is.Empty);
            Assert.That(accepted.Statuses, Is.Empty);
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(
                e => e.Level == LogLevel.Warning && e.Message.Contains(PageId, StringComparison.Ordinal)));
        }
    }

    [Test]
    public async Task Missing_signature_is_forbidden()
    {
        var request = FixtureRequest("facebook-message.json", "fb-message-fixture") with
        {
            Headers = Headers(("Content-Type", "application/json")),
        };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Signature_of_another_fixture_is_forbidden()
    {
        var request = FixtureRequest("facebook-message.json", "fb-batched-fixture");

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(403));
            Assert.That(rejected.Reason, Does.Not.Contain("sha256").IgnoreCase);
        }
    }

    [Test]
    public async Task Unconfigured_app_secret_forbids_even_a_correctly_signed_request_and_says_why_in_the_log()
    {
        var request = FixtureRequest("facebook-message.json", "fb-message-fixture");

        var rejected = Rejected(await Webhook(new FacebookOptions()).HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(403));
            Assert.That(logger.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(
                e => e.Level == LogLevel.Warning && e.Message.Contains("AppSecret", StringComparison.Ordinal)));
        }
    }

    [Test]
    public async Task Signed_malformed_json_is_a_bad_request_saying_so()
    {
        var body = """{"object":"page","entry":[{"id":"1","""u8.ToArray();

        var rejected = Rejected(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("not valid JSON"));
        }
    }

    [Test]
    public async Task Signed_instagram_object_is_a_bad_request_naming_it()
    {
        var body = """{"object":"instagram","entry":[]}"""u8.ToArray();

        var rejected = Rejected(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("instagram"));
        }
    }

    [TestCase("""[1, 2]""")]
    [TestCase("""{"entry": []}""")]
    [TestCase("""{"object": "page"}""")]
    [TestCase("""{"object": "page", "entry": {}}""")]
    public async Task Signed_body_that_is_no_page_envelope_is_a_bad_request(string json)
    {
        var rejected = Rejected(await Webhook().HandleAsync(Signed(Encoding.UTF8.GetBytes(json)), CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Put_is_method_not_allowed()
    {
        var request = FixtureRequest("facebook-message.json", "fb-message-fixture") with { Method = "PUT" };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(405));
    }

    [Test]
    public async Task Handshake_with_our_verify_token_answers_the_bare_challenge()
    {
        var request = Get($"?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");

        var outcome = await Webhook().HandleAsync(request, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new WebhookOutcome.Challenge(new WebhookResponse("text/plain", "1158201444"))));
    }

    [Test]
    public async Task Handshake_decodes_the_query_before_comparing_the_token()
    {
        var options = new FacebookOptions { VerifyToken = "a token/with+signs" };
        var request = Get("?hub.mode=subscribe&hub.verify_token=a%20token%2Fwith%2Bsigns&hub.challenge=abc");

        var outcome = await Webhook(options).HandleAsync(request, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Challenge>());
    }

    [TestCase("?hub.mode=subscribe&hub.verify_token=wrong-token&hub.challenge=1158201444", TestName = "Handshake_with_a_wrong_token_is_forbidden")]
    [TestCase("?hub.mode=subscribe&hub.verify_token=verify-me-012&hub.challenge=1158201444", TestName = "Handshake_with_a_prefix_of_the_token_is_forbidden")]
    [TestCase("?hub.mode=unsubscribe&hub.verify_token=verify-me-0123&hub.challenge=1158201444", TestName = "Handshake_with_a_wrong_mode_is_forbidden")]
    [TestCase("?hub.verify_token=verify-me-0123&hub.challenge=1158201444", TestName = "Handshake_without_a_mode_is_forbidden")]
    [TestCase("?hub.mode=subscribe&hub.challenge=1158201444", TestName = "Handshake_without_a_token_is_forbidden")]
    [TestCase("", TestName = "Get_without_a_query_is_forbidden")]
    public async Task Handshake_is_forbidden(string query)
    {
        var rejected = Rejected(await Webhook().HandleAsync(Get(query), CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Handshake_without_a_challenge_is_a_bad_request()
    {
        var rejected = Rejected(await Webhook().HandleAsync(Get($"?hub.mode=subscribe&hub.verify_token={VerifyToken}"), CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Handshake_is_forbidden_when_no_verify_token_is_configured()
    {
        var options = new FacebookOptions { AppSecret = FacebookVectors.AppSecret };

        var rejected = Rejected(await Webhook(options).HandleAsync(Get("?hub.mode=subscribe&hub.verify_token=&hub.challenge=1"), CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    private FacebookWebhook Webhook(FacebookOptions? options = null) =>
        new(new StaticOptionsMonitor<FacebookOptions>(options ?? new FacebookOptions { AppSecret = FacebookVectors.AppSecret, VerifyToken = VerifyToken }),
            clock, logger);

    /// <summary>A fixture's bytes as Meta posted them, with the signature header of the named vector.</summary>
    private static WebhookRequest FixtureRequest(string fixture, string vectorId) =>
        new("POST", Url,
            Headers(("Content-Type", "application/json"), ("X-Hub-Signature-256", FacebookVectors.Signature(vectorId).SignatureHeader)),
            ProviderData.Fixture(fixture));

    private static WebhookRequest Signed(byte[] body) =>
        new("POST", Url, Headers(("Content-Type", "application/json"), ("X-Hub-Signature-256", FacebookTestSigner.Sign(FacebookVectors.AppSecret, body))), body);

    private static WebhookRequest Get(string query) => new("GET", Url + query, Headers(), ReadOnlyMemory<byte>.Empty);

    private static byte[] Page(params string[] events) => Encoding.UTF8.GetBytes(
        $$"""{"object":"page","entry":[{"id":"{{PageId}}","time":1795000000000,"messaging":[{{string.Join(',', events)}}]}]}""");

    private static string Event(string sender, string kind, string value, string recipient = PageId) =>
        $$"""{"sender":{"id":"{{sender}}"},"recipient":{"id":"{{recipient}}"},"timestamp":1795000000500,"{{kind}}":{{value}}}""";

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    private static WebhookOutcome.Accepted Accepted(WebhookOutcome outcome)
    {
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>(), () => outcome.ToString());
        return (WebhookOutcome.Accepted)outcome;
    }

    private static WebhookOutcome.Rejected Rejected(WebhookOutcome outcome)
    {
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>(), () => outcome.ToString());
        return (WebhookOutcome.Rejected)outcome;
    }
}
