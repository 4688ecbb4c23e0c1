using System.Text;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Inbound;
using CxInbox.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.X;

public class XWebhookTests
{
    private const string Url = "https://cx.example.com/webhooks/x";
    private const string Secret = XVectors.FixtureConsumerSecret;
    private const string Brand = XVectors.BrandAccountId;
    private const string Customer = XVectors.CustomerId;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));

    [Test]
    public async Task Dm_fixture_becomes_one_x_dm_interaction()
    {
        var request = Fixture("x-dm-event.json", "x-sig-dm-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
        var message = accepted.Messages[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.InteractionId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(message.Channel, Is.EqualTo("x-dm"));
            Assert.That(message.ChannelAccount, Is.EqualTo("1500000000000000001"));
            Assert.That(message.ProviderMessageId, Is.EqualTo("1900000000000000101"));
            Assert.That(message.CustomerAddress, Is.EqualTo("1600000000000000002"));
            Assert.That(message.CustomerName, Is.EqualTo("Rina Customer"));
            Assert.That(message.Text, Is.EqualTo("Halo min, refund untuk order #4821 belum masuk ke rekening saya. Sudah 7 hari."));
            Assert.That(message.ReceivedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 11, 10, 0, 456, TimeSpan.Zero)));
            Assert.That(message.Attachments, Is.Empty);
        }
    }

    [Test]
    public async Task Mention_fixture_becomes_one_x_post_interaction_with_its_emoji()
    {
        var request = Fixture("x-mention.json", "x-sig-mention-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
        var message = accepted.Messages[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Channel, Is.EqualTo("x"));
            Assert.That(message.ChannelAccount, Is.EqualTo("1500000000000000001"));
            Assert.That(message.ProviderMessageId, Is.EqualTo("1900000000000000201"));
            Assert.That(message.CustomerAddress, Is.EqualTo("1600000000000000002"));
            Assert.That(message.CustomerName, Is.EqualTo("Rina Customer"));
            Assert.That(message.Text, Is.EqualTo("@ExampleBrand paket saya belum sampai sejak Senin, tolong dibantu \U0001F64F order 4821"));
            Assert.That(message.ReceivedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 11, 13, 20, 789, TimeSpan.Zero)));
            Assert.That(message.Attachments, Is.Empty);
        }
    }

    [Test]
    public async Task Accepted_events_are_answered_with_an_empty_body()
    {
        var accepted = Accepted(await Webhook().HandleAsync(Fixture("x-dm-event.json", "x-sig-dm-fixture"), CancellationToken.None));

        Assert.That(accepted.Response.Body, Is.Empty);
    }

    [Test]
    public async Task Dm_sent_by_the_brand_account_is_an_echo_and_ignored()
    {
        var request = Signed(DmEnvelope(Dm("1900000000000000102", sender: Brand, recipient: Customer, text: "Halo Rina, sudah kami proses.")));

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [Test]
    public async Task Post_by_the_brand_account_is_an_echo_and_ignored()
    {
        var request = Signed(PostEnvelope(Post("1900000000000000202", author: Brand, mentions: [Brand])));

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [Test]
    public async Task Unknown_events_are_ignored_and_never_fail_the_customer_messages_beside_them()
    {
        var request = Signed($$"""
            {"for_user_id":"{{Brand}}",
             "direct_message_events":[
               {"type":"message_delete","id":"1900000000000000103"},
               {{Dm("1900000000000000104", sender: Customer, recipient: Brand, text: "Masih belum masuk")}},
               {{Dm("1900000000000000105", sender: Brand, recipient: Customer, text: "Kami cek")}}],
             "favorite_events":[{"id":"x"}],
             "direct_message_indicate_typing_events":[{"created_timestamp":"1795000200000"}],
             "brand_new_kind_of_event":{"anything":true},
             "users":{ } }
            """);

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages.Select(m => m.ProviderMessageId), Is.EqualTo(new[] { "1900000000000000104" }));
    }

    [Test]
    public async Task Body_with_only_unknown_events_is_accepted_with_nothing_to_publish()
    {
        var request = Signed($$"""{"for_user_id":"{{Brand}}","follow_events":[{"type":"follow"}]}""");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [Test]
    public async Task Replay_job_status_is_accepted_with_nothing_to_publish()
    {
        var request = Signed("""{"replay_job_status":{"webhook_id":"1","job_id":"2","job_state":"Complete","job_state_description":"done"}}""");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [TestCase("{\"for_user_id\": \"1500000000000000001\", \"direct_message_events\": [")]
    [TestCase("not json at all")]
    [TestCase("")]
    public async Task Malformed_json_is_a_bad_request_with_the_reason(string body)
    {
        var rejected = Rejected(await Webhook().HandleAsync(Signed(body), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("not valid JSON"));
        }
    }

    [Test]
    public async Task Json_that_is_not_an_object_is_a_bad_request()
    {
        var rejected = Rejected(await Webhook().HandleAsync(Signed("[1,2]"), CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task A_lone_surrogate_escape_in_a_signed_body_is_a_bad_request_not_an_exception()
    {
        // Found by the hostile-input suite: valid JSON syntax whose string cannot be read as text was a 500.
        var request = Signed($$"""{"for_user_id":"{{Brand}}","direct_message_events":[{"id":"\udc00x"}]}""");

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("$.direct_message_events[0].id"));
        }
    }

    [Test]
    public async Task Events_without_for_user_id_are_a_bad_request()
    {
        var request = Signed($$"""{"direct_message_events":[{{Dm("1900000000000000106", Customer, Brand, "Halo")}}]}""");

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("for_user_id"));
        }
    }

    [Test]
    public async Task Events_for_another_account_than_the_configured_one_are_ignored()
    {
        var options = new XOptions { ConsumerSecret = Secret, AccountId = "1500000000000000999" };

        var accepted = Accepted(await Webhook(options).HandleAsync(Fixture("x-dm-event.json", "x-sig-dm-fixture"), CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [Test]
    public async Task Events_for_the_configured_account_are_accepted()
    {
        var options = new XOptions { ConsumerSecret = Secret, AccountId = Brand };

        var accepted = Accepted(await Webhook(options).HandleAsync(Fixture("x-dm-event.json", "x-sig-dm-fixture"), CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Dm_media_becomes_an_attachment_and_its_link_leaves_the_text()
    {
        var media = """
            "attachment":{"type":"media","media":{"id_str":"1910000000000000001","type":"photo",
              "url":"https://t.co/AbCdEf1234","media_url_https":"https://ton.x.com/i/ton/data/dm/1900000000000000107/1910000000000000001/AbC.png"}}
            """;
        var request = Signed(DmEnvelope(Dm("1900000000000000107", Customer, Brand, "Paketnya rusak https://t.co/AbCdEf1234", media)));

        var message = Accepted(await Webhook().HandleAsync(request, CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Text, Is.EqualTo("Paketnya rusak"));
            Assert.That(message.Attachments, Is.EqualTo(new[]
            {
                new AttachmentRef
                {
                    Url = "https://ton.x.com/i/ton/data/dm/1900000000000000107/1910000000000000001/AbC.png", ContentType = "image/png",
                },
            }));
        }
    }

    [Test]
    public async Task Dm_video_becomes_its_best_mp4_variant()
    {
        var media = """
            "attachment":{"type":"media","media":{"type":"video","url":"https://t.co/Vid","media_url_https":"https://pbs.twimg.com/thumb.jpg",
              "video_info":{"variants":[
                {"bitrate":256000,"content_type":"video/mp4","url":"https://video.twimg.com/dm_video/low.mp4"},
                {"content_type":"application/x-mpegURL","url":"https://video.twimg.com/dm_video/pl.m3u8"},
                {"bitrate":832000,"content_type":"video/mp4","url":"https://video.twimg.com/dm_video/high.mp4"}]}}}
            """;
        var request = Signed(DmEnvelope(Dm("1900000000000000108", Customer, Brand, "https://t.co/Vid", media)));

        var message = Accepted(await Webhook().HandleAsync(request, CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Text, Is.Empty);
            Assert.That(message.Attachments.Select(a => (a.Url, a.ContentType)),
                Is.EqualTo(new[] { ("https://video.twimg.com/dm_video/high.mp4", "video/mp4") }));
        }
    }

    [Test]
    public async Task Dm_without_created_timestamp_is_dated_when_received()
    {
        var request = Signed(DmEnvelope(Dm("1900000000000000109", Customer, Brand, "Halo", createdTimestamp: null)));

        var message = Accepted(await Webhook().HandleAsync(request, CancellationToken.None)).Messages.Single();

        Assert.That(message.ReceivedAt, Is.EqualTo(clock.GetUtcNow()));
    }

    [Test]
    public async Task Long_post_is_read_from_extended_tweet_full_text()
    {
        var full = "@ExampleBrand " + string.Concat(Enumerable.Repeat("paket belum sampai. ", 12)).Trim();
        var post = Post("1900000000000000203", Customer, mentions: [Brand], text: full[..140] + "…",
            extra: $$""","extended_tweet":{"full_text":"{{full}}","entities":{"user_mentions":[]} }""");

        var message = Accepted(await Webhook().HandleAsync(Signed(PostEnvelope(post)), CancellationToken.None)).Messages.Single();

        Assert.That(message.Text, Is.EqualTo(full));
    }

    [Test]
    public async Task Post_without_timestamp_ms_is_dated_by_created_at()
    {
        var post = Post("1900000000000000204", Customer, mentions: [Brand], timestampMs: null);

        var message = Accepted(await Webhook().HandleAsync(Signed(PostEnvelope(post)), CancellationToken.None)).Messages.Single();

        Assert.That(message.ReceivedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 11, 13, 20, TimeSpan.Zero)));
    }

    [Test]
    public async Task Reply_to_the_brand_without_a_mention_is_kept()
    {
        var post = Post("1900000000000000205", Customer, mentions: [],
            extra: $$""","in_reply_to_status_id_str":"1900000000000000200","in_reply_to_user_id_str":"{{Brand}}" """);

        var accepted = Accepted(await Webhook().HandleAsync(Signed(PostEnvelope(post)), CancellationToken.None));

        Assert.That(accepted.Messages.Select(m => m.ProviderMessageId), Is.EqualTo(new[] { "1900000000000000205" }));
    }

    [Test]
    public async Task Posts_that_neither_mention_nor_answer_the_brand_and_retweets_are_ignored()
    {
        var unrelated = Post("1900000000000000206", Customer, mentions: ["1700000000000000003"]);
        var retweet = Post("1900000000000000207", Customer, mentions: [Brand], extra: ""","retweeted_status":{"id_str":"1"}""");

        var accepted = Accepted(await Webhook().HandleAsync(Signed(PostEnvelope(unrelated, retweet)), CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [Test]
    public async Task Post_photo_becomes_an_attachment()
    {
        var post = Post("1900000000000000208", Customer, mentions: [Brand], text: "@ExampleBrand rusak https://t.co/Pic",
            extra: ""","extended_entities":{"media":[{"type":"photo","url":"https://t.co/Pic","media_url_https":"https://pbs.twimg.com/media/Fake.jpg"}]}""");

        var message = Accepted(await Webhook().HandleAsync(Signed(PostEnvelope(post)), CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Text, Is.EqualTo("@ExampleBrand rusak"));
            Assert.That(message.Attachments.Select(a => (a.Url, a.ContentType)),
                Is.EqualTo(new[] { ("https://pbs.twimg.com/media/Fake.jpg", "image/jpeg") }));
        }
    }

    [Test]
    public async Task Numeric_ids_keep_every_digit()
    {
        // 1900000000000000299 is not representable as a double; read as one it would come out ...0256.
        var request = Signed($$"""
            {"for_user_id":{{Brand}},"direct_message_events":[{"type":"message_create","id":1900000000000000299,"created_timestamp":1795000200456,
              "message_create":{"sender_id":{{Customer}},"message_data":{"text":"Halo"} } }]}
            """);

        var message = Accepted(await Webhook().HandleAsync(request, CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.ProviderMessageId, Is.EqualTo("1900000000000000299"));
            Assert.That(message.CustomerAddress, Is.EqualTo(Customer));
            Assert.That(message.ChannelAccount, Is.EqualTo(Brand));
        }
    }

    [Test]
    public async Task Xaa_dm_received_becomes_an_x_dm_interaction()
    {
        var request = Signed($$"""
            {"data":{"event_uuid":"5f0e","event_type":"dm.received","filter":{"user_id":"{{Brand}}"},"tag":"support",
              "payload":{"direct_message_events":[{{Dm("1900000000000000110", Customer, Brand, "Halo dari XAA")}}],
                         "users":{"{{Customer}}":{"id":"{{Customer}}","name":"Rina Customer"} } } } }
            """);

        var message = Accepted(await Webhook().HandleAsync(request, CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Channel, Is.EqualTo("x-dm"));
            Assert.That(message.ChannelAccount, Is.EqualTo(Brand));
            Assert.That(message.ProviderMessageId, Is.EqualTo("1900000000000000110"));
            Assert.That(message.CustomerAddress, Is.EqualTo(Customer));
            Assert.That(message.CustomerName, Is.EqualTo("Rina Customer"));
            Assert.That(message.Text, Is.EqualTo("Halo dari XAA"));
        }
    }

    [Test]
    public async Task Xaa_post_mention_becomes_an_x_interaction()
    {
        var request = Signed($$"""
            {"data":{"event_uuid":"5f0f","event_type":"post.mention.create","filter":{"user_id":"{{Brand}}"},
              "payload":{"id":"1900000000000000209","text":"@ExampleBrand halo","author_id":"{{Customer}}",
                         "conversation_id":"1900000000000000209","created_at":"2026-11-18T11:13:20.000Z",
                         "entities":{"mentions":[{"start":0,"end":13,"username":"ExampleBrand","id":"{{Brand}}"}]} },
              "includes":{"users":[{"id":"{{Customer}}","name":"Rina Customer","username":"rina_customer_fake"}]} } }
            """);

        var message = Accepted(await Webhook().HandleAsync(request, CancellationToken.None)).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Channel, Is.EqualTo("x"));
            Assert.That(message.ChannelAccount, Is.EqualTo(Brand));
            Assert.That(message.ProviderMessageId, Is.EqualTo("1900000000000000209"));
            Assert.That(message.CustomerAddress, Is.EqualTo(Customer));
            Assert.That(message.CustomerName, Is.EqualTo("Rina Customer"));
            Assert.That(message.Text, Is.EqualTo("@ExampleBrand halo"));
            Assert.That(message.ReceivedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 18, 11, 13, 20, TimeSpan.Zero)));
        }
    }

    [TestCase("dm.sent")]
    [TestCase("chat.received")]
    [TestCase("follow.follow")]
    public async Task Xaa_events_that_are_not_customer_messages_are_ignored(string eventType)
    {
        var request = Signed($$"""
            {"data":{"event_type":"{{eventType}}","filter":{"user_id":"{{Brand}}"},
              "payload":{"direct_message_events":[{{Dm("1900000000000000111", Customer, Brand, "x")}}]} } }
            """);

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Is.Empty);
    }

    [Test]
    public async Task Missing_signature_is_forbidden_without_detail()
    {
        var request = Fixture("x-dm-event.json", "x-sig-dm-fixture") with { Headers = Headers(("Content-Type", "application/json")) };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected, Is.EqualTo(new WebhookOutcome.Rejected(403, "The request signature could not be verified.")));
    }

    [Test]
    public async Task Signature_made_with_another_secret_is_forbidden()
    {
        var body = ProviderData.Fixture("x-dm-event.json");
        var request = new WebhookRequest("POST", Url,
            Headers(("x-twitter-webhooks-signature", XTestSigner.Sign("AnotherFakeSecretZYXWVUTSRQPONMLKJIHGFEDCBA98765432", body))), body);

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Unconfigured_secret_forbids_even_a_correctly_signed_post()
    {
        var rejected = Rejected(await Webhook(new XOptions()).HandleAsync(Fixture("x-dm-event.json", "x-sig-dm-fixture"), CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Unconfigured_secret_refuses_the_crc_challenge()
    {
        var request = new WebhookRequest("GET", Url + "?crc_token=abc", Headers(), ReadOnlyMemory<byte>.Empty);

        var rejected = Rejected(await Webhook(new XOptions()).HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [TestCase("")]
    [TestCase("?nonce=MTc5NTAwMDAwMA")]
    [TestCase("?crc_token=")]
    public async Task Get_without_crc_token_is_a_bad_request(string query)
    {
        var request = new WebhookRequest("GET", Url + query, Headers(), ReadOnlyMemory<byte>.Empty);

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("crc_token"));
        }
    }

    [Test]
    public async Task Put_is_method_not_allowed()
    {
        var request = Fixture("x-dm-event.json", "x-sig-dm-fixture") with { Method = "PUT" };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(405));
    }

    private XWebhook Webhook(XOptions? options = null) =>
        new(new StaticOptionsMonitor<XOptions>(options ?? new XOptions { ConsumerSecret = Secret }), clock, NullLogger<XWebhook>.Instance);

    private static WebhookRequest Fixture(string fixture, string vectorId) =>
        new("POST", Url,
            Headers(("Content-Type", "application/json"), ("x-twitter-webhooks-signature", XVectors.Signature(vectorId).SignatureHeader)),
            ProviderData.Fixture(fixture));

    private static WebhookRequest Signed(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return new("POST", Url, Headers(("Content-Type", "application/json"), ("x-twitter-webhooks-signature", XTestSigner.Sign(Secret, body))), body);
    }

    private static string DmEnvelope(params string[] events) =>
        $$"""
        {"for_user_id":"{{Brand}}","direct_message_events":[{{string.Join(',', events)}}],
         "users":{"{{Customer}}":{"id":"{{Customer}}","name":"Rina Customer","screen_name":"rina_customer_fake"},
                  "{{Brand}}":{"id":"{{Brand}}","name":"Example Brand Support","screen_name":"ExampleBrand"} } }
        """;

    private static string Dm(string id, string sender, string recipient, string text, string? extraMessageData = null,
        string? createdTimestamp = "1795000200456") =>
        $$"""
        {"type":"message_create","id":"{{id}}"{{(createdTimestamp is null ? "" : $",\"created_timestamp\":\"{createdTimestamp}\"")}},
         "message_create":{"target":{"recipient_id":"{{recipient}}"},"sender_id":"{{sender}}",
           "message_data":{"text":"{{text}}","entities":{"hashtags":[],"symbols":[],"user_mentions":[],"urls":[]} {{(extraMessageData is null ? "" : "," + extraMessageData)}} } } }
        """;

    private static string PostEnvelope(params string[] posts) =>
        $$"""{"for_user_id":"{{Brand}}","user_has_blocked":"false","tweet_create_events":[{{string.Join(',', posts)}}]}""";

    private static string Post(string id, string author, string[] mentions, string text = "@ExampleBrand tolong dibantu",
        string? timestampMs = "1795000400789", string extra = "") =>
        $$"""
        {"created_at":"Wed Nov 18 11:13:20 +0000 2026","id":{{id}},"id_str":"{{id}}","text":"{{text}}","truncated":false,
         {{(timestampMs is null ? "" : $"\"timestamp_ms\":\"{timestampMs}\",")}}
         "user":{"id":{{author}},"id_str":"{{author}}","name":"{{(author == Brand ? "Example Brand Support" : "Rina Customer")}}"},
         "entities":{"hashtags":[],"urls":[],"user_mentions":[{{string.Join(',', mentions.Select(m => $"{{\"id_str\":\"{m}\",\"indices\":[0,13]}}"))}}]}
         {{extra}} }
        """;

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
