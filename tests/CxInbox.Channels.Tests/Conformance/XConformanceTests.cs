using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Tests.FakeProviders;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Tests.X;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Inbound;
using CxInbox.Channels.X.Outbound;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Tests.Conformance;

[TestFixture]
public sealed class XWebhookConformanceTests : WebhookChannelConformance
{
    protected override string Secret => XVectors.FixtureConsumerSecret;

    protected override IEnumerable<WebhookSample> Samples =>
    [
        new("x-dm-event.json", ProviderData.Fixture("x-dm-event.json"), ["1900000000000000101"]),
        new("x-mention.json", ProviderData.Fixture("x-mention.json"), ["1900000000000000201"]),
        // The second DM has the smaller id: a reader that sorted would give it first.
        new("x-dm-event.json with a second DM", TwoDirectMessages(), ["1900000000000000101", "1900000000000000100"]),
    ];

    protected override byte[] MalformedBody => Encoding.UTF8.GetBytes("""["for_user_id", "1500000000000000001"]""");

    protected override byte[] OversizedBody => ConformanceRequests.NestedDeeperThanJsonAllows("""{"for_user_id": "1500000000000000001", "direct_message_events": """);

    protected override IWebhookChannel CreateChannel() => new XWebhook(
        new FixedOptionsMonitor<XOptions>(new XOptions { ConsumerSecret = XVectors.FixtureConsumerSecret, AccountId = XVectors.BrandAccountId }),
        TimeProvider.System, NullLogger<XWebhook>.Instance);

    protected override WebhookRequest Request(byte[] body) => ConformanceRequests.Post("https://cx.example.com/webhooks/x", "application/json", body);

    protected override WebhookRequest Sign(WebhookRequest request, string secret) =>
        request.WithHeader("x-twitter-webhooks-signature", XTestSigner.Sign(secret, request.Body.ToArray()));

    private static byte[] TwoDirectMessages()
    {
        var envelope = JsonNode.Parse(ProviderData.Fixture("x-dm-event.json"))!;
        var events = envelope["direct_message_events"]!.AsArray();
        var second = events[0]!.DeepClone();
        second["id"] = "1900000000000000100";
        second["created_timestamp"] = "1795000260000";
        second["message_create"]!["message_data"]!["text"] = "Nomor rekening saya BCA 1234.";
        events.Add(second);
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}

/// <summary>X's answers to a send, shared by the DM and the post-reply senders.</summary>
public abstract class XSenderConformance : ReplySenderConformance
{
    protected override ProviderAnswer TransientFailure => new(HttpStatusCode.ServiceUnavailable,
        """{"title": "Service Unavailable", "detail": "Service Unavailable", "type": "about:blank", "status": 503}""");

    protected override ProviderAnswer PermanentFailure => new(HttpStatusCode.BadRequest,
        """{"errors": [{"message": "text is too long"}], "title": "Invalid Request", "detail": "One or more parameters to your request was invalid.", "type": "https://api.twitter.com/2/problems/invalid-request"}""");

    // X says when its rate-limit window resets, in epoch seconds, rather than Retry-After.
    protected override ProviderAnswer RateLimited(TimeSpan wait, DateTimeOffset now) =>
        new ProviderAnswer(HttpStatusCode.TooManyRequests, """{"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429}""")
            .WithHeader("x-rate-limit-remaining", "0")
            .WithHeader("x-rate-limit-reset", ((long)Math.Ceiling((now + wait).ToUnixTimeMilliseconds() / 1000.0)).ToString(CultureInfo.InvariantCulture));

    protected static XOptions Options(Uri baseAddress, ProviderResilienceOptions resilience) => new()
    {
        ConsumerKey = XSenderFixture.ConsumerKey,
        ConsumerSecret = XSenderFixture.ConsumerSecret,
        AccessToken = XSenderFixture.AccessToken,
        AccessTokenSecret = XSenderFixture.AccessTokenSecret,
        AccountId = XVectors.BrandAccountId,
        ApiBaseUrl = baseAddress.ToString().TrimEnd('/'),
        Resilience = resilience,
    };
}

[TestFixture]
public sealed class XDirectMessageSenderConformanceTests : XSenderConformance
{
    protected override ChannelCapabilities Capabilities => XCapabilities.DirectMessages;

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        XSenderFixture.DirectMessages(http, Options(baseAddress, resilience), clock, clock);

    protected override OutboundReply SampleReply(DateTimeOffset now) => XSenderFixture.Reply(XChannels.DirectMessages, "Halo Rina, refund #4821 sudah kami proses.");

    protected override ProviderAnswer Accepted(string providerMessageId) => new(HttpStatusCode.Created,
        $$$"""{"data": {"dm_conversation_id": "1500000000000000001-1600000000000000002", "dm_event_id": "{{{providerMessageId}}}"}}""");
}

[TestFixture]
public sealed class XPostReplySenderConformanceTests : XSenderConformance
{
    protected override ChannelCapabilities Capabilities => XCapabilities.Posts;

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        XSenderFixture.PostReplies(http, Options(baseAddress, resilience), clock, clock);

    protected override OutboundReply SampleReply(DateTimeOffset now) =>
        XSenderFixture.Reply(XChannels.Posts, "Halo Rina, kami cek paketnya sekarang.", lastCustomerMessageId: "1900000000000000201");

    protected override ProviderAnswer Accepted(string providerMessageId) => new(HttpStatusCode.Created,
        $$$"""{"data": {"id": "{{{providerMessageId}}}", "text": "Halo Rina, kami cek paketnya sekarang."}}""");
}
