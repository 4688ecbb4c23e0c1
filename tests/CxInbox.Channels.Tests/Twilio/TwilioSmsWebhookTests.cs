using System.Xml.Linq;
using CxInbox.Channels.Tests.FakeProviders;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.Twilio;

public class TwilioSmsWebhookTests
{
    // The fixtures were posted to this URL and signed with this token, for this account (channels.md §1.1).
    private const string Url = "https://cx.example.com/webhooks/twilio/sms";
    private const string AuthToken = "0123456789abcdef0123456789abcdef";
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string FormEncoded = "application/x-www-form-urlencoded";

    private static readonly (string Name, string Value)[] SmsFields =
    [
        ("MessageSid", "SM00000000000000000000000000000t01"),
        ("AccountSid", AccountSid),
        ("From", "+15555550126"),
        ("To", "+15555550100"),
        ("Body", "Hello"),
        ("NumMedia", "0"),
    ];

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));

    [Test]
    public async Task Sms_fixture_becomes_one_interaction_answered_with_empty_twiml()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
        var message = accepted.Messages[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.InteractionId, Is.Not.EqualTo(Guid.Empty));
            Assert.That(message.Channel, Is.EqualTo("sms"));
            Assert.That(message.ChannelAccount, Is.EqualTo("+15555550100"));
            Assert.That(message.ProviderMessageId, Is.EqualTo("SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"));
            Assert.That(message.CustomerAddress, Is.EqualTo("+15555550123"));
            Assert.That(message.Text, Is.EqualTo("Halo, pesanan saya #4821 belum sampai. Bisa dicek? Thanks - Rina"));
            Assert.That(message.ReceivedAt, Is.EqualTo(clock.GetUtcNow()));
            Assert.That(message.Attachments, Is.Empty);
            Assert.That(accepted.Response.ContentType, Is.EqualTo("text/xml"));
            Assert.That(IsEmptyTwiml(accepted.Response.Body), Is.True, accepted.Response.Body);
        }
    }

    [Test]
    public async Task Mms_fixture_keeps_both_attachments_and_the_emoji()
    {
        var request = FixtureRequest("twilio-mms-inbound.txt", "twilio-mms-inbound-fixture");

        var accepted = Accepted(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(accepted.Messages, Has.Count.EqualTo(1));
        var message = accepted.Messages[0];
        const string media = "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM2a3b4c5d6e7f80918273645546372819/Media/";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.ProviderMessageId, Is.EqualTo("MM2a3b4c5d6e7f80918273645546372819"));
            Assert.That(message.Text, Is.EqualTo("Ini foto paket yang rusak \U0001F4E6 dan struknya. The box was crushed."));
            Assert.That(message.Attachments.Select(a => (a.Url, a.ContentType)), Is.EqualTo(new[]
            {
                (media + "ME0a1b2c3d4e5f60718293a4b5c6d7e8f9", "image/jpeg"),
                (media + "ME9f8e7d6c5b4a39281706f5e4d3c2b1a0", "image/png"),
            }));
        }
    }

    [Test]
    public async Task Content_type_with_a_charset_parameter_is_accepted()
    {
        // What Twilio actually sends (channels.md §1.1).
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture") with
        {
            Headers = Headers(("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"),
                ("X-Twilio-Signature", ProviderData.TwilioVector("twilio-sms-inbound-fixture").SignatureHeader)),
        };

        var outcome = await Webhook().HandleAsync(request, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>());
    }

    [Test]
    public async Task Configured_account_sid_that_matches_is_accepted()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture");

        var outcome = await Webhook(new TwilioOptions { AuthToken = AuthToken, AccountSid = AccountSid })
            .HandleAsync(request, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>());
    }

    [Test]
    public async Task Missing_signature_header_is_forbidden()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture") with
        {
            Headers = Headers(("Content-Type", FormEncoded)),
        };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Signature_made_with_another_token_is_forbidden()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-wrong-auth-token");

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Unconfigured_auth_token_forbids_even_a_correctly_signed_request()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture");

        var rejected = Rejected(await Webhook(new TwilioOptions()).HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Request_for_another_account_than_the_configured_one_is_forbidden()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture");
        var options = new TwilioOptions { AuthToken = AuthToken, AccountSid = "ACffffffffffffffffffffffffffffffff" };

        var rejected = Rejected(await Webhook(options).HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task A_body_that_is_neither_form_nor_json_is_unsupported_media_type()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture") with
        {
            Headers = Headers(("Content-Type", "text/plain"),
                ("X-Twilio-Signature", ProviderData.TwilioVector("twilio-sms-inbound-fixture").SignatureHeader)),
        };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(415));
    }

    [Test]
    public async Task An_authentic_json_body_is_turned_away_with_415_and_a_forged_one_with_403()
    {
        var genuine = ProviderData.TwilioVector("twilio-json-body-bodySHA256");
        var tampered = ProviderData.TwilioVector("twilio-json-body-tampered");
        WebhookRequest Json(TwilioVector v) => new("POST", v.UrlToValidate,
            Headers(("Content-Type", "application/json"), ("X-Twilio-Signature", v.SignatureHeader)), v.RawBody);

        var authentic = Rejected(await Webhook().HandleAsync(Json(genuine), CancellationToken.None));
        var forged = Rejected(await Webhook().HandleAsync(Json(tampered), CancellationToken.None));

        Assert.That(authentic.StatusCode, Is.EqualTo(415));
        Assert.That(forged.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Get_is_method_not_allowed()
    {
        var request = FixtureRequest("twilio-sms-inbound.txt", "twilio-sms-inbound-fixture") with { Method = "GET" };

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        Assert.That(rejected.StatusCode, Is.EqualTo(405));
    }

    [Test]
    public async Task Malformed_percent_escape_is_a_bad_request()
    {
        var body = "MessageSid=SM00000000000000000000000000000t01&From=%2B1555555012&Body=100%"u8.ToArray();
        var request = new WebhookRequest("POST", Url,
            Headers(("Content-Type", FormEncoded), ("X-Twilio-Signature", "irrelevant=")), body);

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("percent-escape"));
        }
    }

    [Test]
    public async Task Signed_body_without_from_is_a_bad_request_naming_from()
    {
        var request = Signed(SmsFields.Where(f => f.Name != "From"));

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("From"));
        }
    }

    [Test]
    public async Task Signed_body_announcing_two_media_with_one_url_is_a_bad_request()
    {
        var request = Signed(
        [
            .. SmsFields.Where(f => f.Name != "NumMedia"),
            ("NumMedia", "2"),
            ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM00000000000000000000000000000t01/Media/ME00000000000000000000000000000t01"),
            ("MediaContentType0", "image/jpeg"),
            ("MediaContentType1", "image/png"),
        ]);

        var rejected = Rejected(await Webhook().HandleAsync(request, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.StatusCode, Is.EqualTo(400));
            Assert.That(rejected.Reason, Does.Contain("MediaUrl1"));
        }
    }

    private TwilioSmsWebhook Webhook(TwilioOptions? options = null) =>
        new(new TwilioRequestVerifier(new FixedOptionsMonitor<TwilioOptions>(options ?? new TwilioOptions { AuthToken = AuthToken }),
            NullLogger<TwilioRequestVerifier>.Instance), clock);

    /// <summary>A fixture's bytes as Twilio posted them, with the signature header of the named vector.</summary>
    private static WebhookRequest FixtureRequest(string fixture, string vectorId) =>
        new("POST", Url,
            Headers(("Content-Type", FormEncoded), ("X-Twilio-Signature", ProviderData.TwilioVector(vectorId).SignatureHeader)),
            ProviderData.Fixture(fixture));

    private static WebhookRequest Signed(IEnumerable<(string Name, string Value)> fields)
    {
        var list = fields.ToList();
        return new("POST", Url,
            Headers(("Content-Type", FormEncoded), ("X-Twilio-Signature", TwilioTestSigner.Sign(AuthToken, Url, list))),
            TwilioTestSigner.Encode(list));
    }

    // Case-insensitive, as the webhook endpoint builds it.
    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);

    private static bool IsEmptyTwiml(string body)
    {
        var root = XDocument.Parse(body).Root;
        return root is { Name.LocalName: "Response", HasElements: false, Value: "" };
    }

    private static WebhookOutcome.Accepted Accepted(WebhookOutcome outcome)
    {
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>());
        return (WebhookOutcome.Accepted)outcome;
    }

    private static WebhookOutcome.Rejected Rejected(WebhookOutcome outcome)
    {
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>());
        return (WebhookOutcome.Rejected)outcome;
    }
}
