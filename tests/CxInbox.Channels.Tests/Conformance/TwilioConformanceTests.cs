using System.Net;
using System.Text;
using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Tests.FakeProviders;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Tests.Twilio;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Twilio.Outbound;
using CxInbox.Channels.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Tests.Conformance;

internal static class TwilioAccount
{
    // The account and token the fixtures were posted for (channels.md §1.1).
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "0123456789abcdef0123456789abcdef";
}

[TestFixture]
public sealed class TwilioSmsWebhookConformanceTests : WebhookChannelConformance
{
    private const string Url = "https://cx.example.com/webhooks/twilio/sms";

    protected override string Secret => TwilioAccount.AuthToken;

    protected override string OneEventPerRequest => "Twilio posts one message per webhook request.";

    protected override IEnumerable<WebhookSample> Samples =>
    [
        new("twilio-sms-inbound.txt", ProviderData.Fixture("twilio-sms-inbound.txt"), ["SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"]),
        new("twilio-mms-inbound.txt", ProviderData.Fixture("twilio-mms-inbound.txt"), ["MM2a3b4c5d6e7f80918273645546372819"]),
    ];

    protected override byte[] MalformedBody => TwilioTestSigner.Encode(
        [("AccountSid", TwilioAccount.AccountSid), ("From", "+15555550123"), ("To", "+15555550100"), ("Body", "no MessageSid")]);

    // Twilio sends at most 10 media per message (channels.md §1.1).
    protected override byte[] OversizedBody => TwilioTestSigner.Encode(
        [("MessageSid", "MM00000000000000000000000000000011"), ("AccountSid", TwilioAccount.AccountSid), ("From", "+15555550123"),
            ("To", "+15555550100"), ("Body", ""), ("NumMedia", "11"),
            .. Enumerable.Range(0, 11).Select(i => ($"MediaUrl{i}", $"https://api.twilio.com/media/ME{i:D32}"))]);

    protected override IWebhookChannel CreateChannel() => new TwilioSmsWebhook(
        new TwilioRequestVerifier(
            new FixedOptionsMonitor<TwilioOptions>(new TwilioOptions { AccountSid = TwilioAccount.AccountSid, AuthToken = TwilioAccount.AuthToken }),
            NullLogger<TwilioRequestVerifier>.Instance),
        TimeProvider.System);

    protected override WebhookRequest Request(byte[] body) => ConformanceRequests.Post(Url, "application/x-www-form-urlencoded", body);

    protected override WebhookRequest Sign(WebhookRequest request, string secret)
    {
        var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body.Span))
            .SelectMany(field => field.Value.Select(value => (field.Key, value ?? "")));
        return request.WithHeader("X-Twilio-Signature", TwilioTestSigner.Sign(secret, request.PublicUrl, fields));
    }
}

[TestFixture]
public sealed class TwilioReplySenderConformanceTests : ReplySenderConformance
{
    // Twilio has no idempotency key: after an ambiguous 5xx the sender looks the message up and resends once only,
    // so a second 5xx in a row ends in a visible failure rather than risking a duplicate SMS (channels.md).
    protected override int TransientFailuresBeforeSuccess => 1;

    protected override ChannelCapabilities Capabilities => TwilioCapabilities.Sms;

    protected override ProviderAnswer TransientFailure =>
        new(HttpStatusCode.ServiceUnavailable, """{"code": 20503, "message": "Service Unavailable", "status": 503}""");

    protected override ProviderAnswer PermanentFailure =>
        new(HttpStatusCode.BadRequest, """{"code": 21211, "message": "The 'To' number is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""");

    protected override IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock) =>
        new TwilioReplySender(new OneClientFactory(http), new FixedOptionsMonitor<TwilioOptions>(new TwilioOptions
        {
            AccountSid = TwilioAccount.AccountSid,
            AuthToken = TwilioAccount.AuthToken,
            ApiBaseUrl = baseAddress.ToString(),
            Resilience = resilience,
        }), clock, NullLogger<TwilioReplySender>.Instance);

    protected override OutboundReply SampleReply(DateTimeOffset now) => new()
    {
        ReplyId = Guid.CreateVersion7(),
        ConversationId = Guid.CreateVersion7(),
        Channel = "sms",
        ChannelAccount = "+15555550100",
        CustomerAddress = "+15555550123",
        Text = "Halo Rina, paket #4821 sudah kami cek: tiba besok.",
    };

    protected override ProviderAnswer Accepted(string providerMessageId) => new(HttpStatusCode.Created,
        $$"""{"sid": "{{providerMessageId}}", "account_sid": "{{TwilioAccount.AccountSid}}", "from": "+15555550100", "to": "+15555550123", "status": "queued", "direction": "outbound-api"}""");

    protected override ProviderAnswer RateLimited(TimeSpan wait, DateTimeOffset now) =>
        base.RateLimited(wait, now) with { Body = """{"code": 20429, "message": "Too Many Requests", "status": 429}""" };

    // The lookup after an ambiguous failure: Twilio does not have the message.
    protected override ProviderAnswer AnswerOther(ProviderRequest request) =>
        new(HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""");

    private sealed class OneClientFactory(HttpClient http) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => http;
    }
}
