using System.Net;
using System.Text;
using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Facebook.Outbound;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Tests.Facebook;
using CxInbox.Channels.Tests.FakeProviders;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Tests.Conformance;

internal static class FacebookPage
{
    // The Page and customer of the fixtures (channels.md §6).
    public const string PageId = "100000000000001";
    public const string Psid = "7000000000000001";
}

[TestFixture]
public sealed class FacebookWebhookConformanceTests : WebhookChannelConformance
{
    protected override string Secret => FacebookVectors.AppSecret;

    protected override IEnumerable<WebhookSample> Samples =>
    [
        new("facebook-message.json", ProviderData.Fixture("facebook-message.json"), ["m_FAKE0001-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]),
        new("facebook-attachment.json", ProviderData.Fixture("facebook-attachment.json"), ["m_FAKE0005-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"]),
        // Between the two customer events sits the echo of our own reply (m_FAKE0003): a delivery report, not a message.
        new("facebook-batched.json", ProviderData.Fixture("facebook-batched.json"),
        [
            "m_FAKE0002-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            "m_FAKE0004-dddddddddddddddddddddddddddddddddddddddddddddddddddddd",
        ]),
    ];

    protected override byte[] MalformedBody => Encoding.UTF8.GetBytes("""{"object": "page"}""");

    protected override byte[] OversizedBody => ConformanceRequests.NestedDeeperThanJsonAllows("""{"object": "page", "entry": """);

    protected override IWebhookChannel CreateChannel() => new FacebookWebhook(
        new FixedOptionsMonitor<FacebookOptions>(new FacebookOptions { AppSecret = FacebookVectors.AppSecret, PageId = FacebookPage.PageId }),
        TimeProvider.System, NullLogger<FacebookWebhook>.Instance);

    protected override WebhookRequest Request(byte[] body) => ConformanceRequests.Post("https://cx.example.com/webhooks/facebook", "application/json", body);

    protected override WebhookRequest Sign(WebhookRequest request, string secret) =>
        request.WithHeader("X-Hub-Signature-256", FacebookTestSigner.Sign(secret, request.Body.ToArray()));
}

[TestFixture]
public sealed class FacebookReplySenderConformanceTests : ReplySenderConformance
{
    protected override ChannelCapabilities Capabilities => FacebookCapabilities.Messenger;

    protected override ProviderAnswer TransientFailure => new(HttpStatusCode.ServiceUnavailable,
        """{"error": {"message": "(#2) Service temporarily unavailable", "type": "OAuthException", "code": 2, "fbtrace_id": "AFAKEtrace1"}}""");

    protected override ProviderAnswer PermanentFailure => new(HttpStatusCode.BadRequest,
        """{"error": {"message": "(#100) No matching user found", "type": "OAuthException", "code": 100, "error_subcode": 2018001, "fbtrace_id": "AFAKEtrace2"}}""");

    // Meta mostly reports rate limits by Graph code (4, 17, 32, 613) without Retry-After (GraphFailureTests covers
    // those); this is the generic 429 with Retry-After that the shared pipeline honours for every provider.
    protected override ProviderAnswer RateLimited(TimeSpan wait, DateTimeOffset now) => base.RateLimited(wait, now) with
    {
        Body = """{"error": {"message": "(#4) Application request limit reached", "type": "OAuthException", "code": 4, "fbtrace_id": "AFAKEtrace3"}}""",
    };

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        new FacebookReplySender(http, new FixedOptionsMonitor<FacebookOptions>(new FacebookOptions
        {
            AppSecret = FacebookVectors.AppSecret,
            PageAccessToken = FacebookVectors.AppSecretProof.AccessToken,
            PageId = FacebookPage.PageId,
            GraphBaseUrl = baseAddress.ToString(),
            Resilience = resilience,
        }), clock, NullLogger<FacebookReplySender>.Instance);

    protected override OutboundReply SampleReply(DateTimeOffset now) => new()
    {
        ReplyId = Guid.CreateVersion7(),
        ConversationId = Guid.CreateVersion7(),
        Channel = FacebookWebhook.Channel,
        ChannelAccount = FacebookPage.PageId,
        CustomerAddress = FacebookPage.Psid,
        Text = "Halo Rina, pesanan #4821 sudah kami cek.",
        LastCustomerMessageAt = now.AddHours(-1),
    };

    protected override ProviderAnswer Accepted(string providerMessageId) =>
        new(HttpStatusCode.OK, $$"""{"recipient_id": "{{FacebookPage.Psid}}", "message_id": "{{providerMessageId}}"}""");
}
