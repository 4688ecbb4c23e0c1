using CxInbox.Channels.Tests.FakeProviders;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.Twilio;

/// <summary>STOP/START keywords on inbound SMS, and Twilio's status callbacks for our replies.</summary>
public sealed class TwilioOptOutAndStatusTests
{
    private const string SmsUrl = "https://cx.example.com/webhooks/twilio/sms";
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));

    [TestCase("STOP", true)]
    [TestCase("  stop. ", true)]
    [TestCase("Unsubscribe", true)]
    [TestCase("OPTOUT", true)]
    [TestCase("START", false)]
    [TestCase("unstop", false)]
    public async Task A_keyword_message_is_stored_and_changes_the_customers_consent(string body, bool optedOut)
    {
        var accepted = await SmsAsync(body);

        Assert.That(accepted.Messages.Single().Text, Is.EqualTo(body), "the keyword message is kept like any other");
        var change = accepted.ConsentChanges.Single();
        Assert.That(change.OptedOut, Is.EqualTo(optedOut));
        Assert.That(change.CustomerAddress, Is.EqualTo("+15555550126"));
        Assert.That(change.ChannelAccount, Is.EqualTo("+15555550100"));
        Assert.That(change.Keyword, Is.EqualTo(body.Trim()));
    }

    [TestCase("stop sending me ads")]
    [TestCase("HELP")]
    [TestCase("BERHENTI")]
    public async Task Other_messages_change_no_consent(string body)
    {
        var accepted = await SmsAsync(body);

        Assert.That(accepted.ConsentChanges, Is.Empty);
    }

    [Test]
    public async Task The_status_callback_fixture_reports_undelivered_with_the_reason_for_the_agent()
    {
        var request = new WebhookRequest("POST", "https://cx.example.com/webhooks/twilio/status",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded",
                ["X-Twilio-Signature"] = ProviderData.TwilioVector("twilio-status-callback-fixture").SignatureHeader,
            },
            ProviderData.Fixture("twilio-status-callback.txt"));

        var outcome = await StatusWebhook().HandleAsync(request, CancellationToken.None);

        var report = ((WebhookOutcome.Accepted)outcome).Statuses.Single();
        Assert.That(report.Channel, Is.EqualTo("sms"));
        Assert.That(report.ProviderMessageId, Is.EqualTo("SM9c8b7a695847362514f3e2d1c0b9a8f7"));
        Assert.That(report.Status, Is.EqualTo("undelivered"));
        Assert.That(report.ErrorCode, Is.EqualTo("30003"));
        Assert.That(report.ErrorReason, Does.Contain("unreachable"));
        Assert.That(report.ReplyId, Is.Null);
    }

    [Test]
    public async Task A_status_callback_to_our_callback_url_carries_the_reply_id()
    {
        var replyId = Guid.NewGuid();
        var url = $"https://cx.example.com/webhooks/twilio/status?reply={replyId:D}";
        (string, string)[] fields = [("MessageSid", "SM00000000000000000000000000000s01"), ("MessageStatus", "delivered"), ("AccountSid", "AC0123456789abcdef0123456789abcdef")];
        var request = new WebhookRequest("POST", url,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8",
                ["X-Twilio-Signature"] = TwilioTestSigner.Sign(AuthToken, url, fields),
            },
            TwilioTestSigner.Encode(fields));

        var outcome = await StatusWebhook().HandleAsync(request, CancellationToken.None);

        var report = ((WebhookOutcome.Accepted)outcome).Statuses.Single();
        Assert.That(report.ReplyId, Is.EqualTo(replyId));
        Assert.That(report.Status, Is.EqualTo("delivered"));
        Assert.That(report.ErrorCode, Is.Null);
    }

    [Test]
    public async Task A_status_callback_with_a_wrong_signature_is_refused()
    {
        var request = new WebhookRequest("POST", "https://cx.example.com/webhooks/twilio/status",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded",
                ["X-Twilio-Signature"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            },
            ProviderData.Fixture("twilio-status-callback.txt"));

        var outcome = await StatusWebhook().HandleAsync(request, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(403));
    }

    private async Task<WebhookOutcome.Accepted> SmsAsync(string body)
    {
        (string, string)[] fields = [("MessageSid", "SM00000000000000000000000000000k01"), ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("From", "+15555550126"), ("To", "+15555550100"), ("Body", body), ("NumMedia", "0")];
        var request = new WebhookRequest("POST", SmsUrl,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-www-form-urlencoded",
                ["X-Twilio-Signature"] = TwilioTestSigner.Sign(AuthToken, SmsUrl, fields),
            },
            TwilioTestSigner.Encode(fields));
        var outcome = await new TwilioSmsWebhook(Verifier(), clock).HandleAsync(request, CancellationToken.None);
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>());
        return (WebhookOutcome.Accepted)outcome;
    }

    private TwilioStatusWebhook StatusWebhook() => new(Verifier(), clock);

    private static TwilioRequestVerifier Verifier() =>
        new(new FixedOptionsMonitor<TwilioOptions>(new TwilioOptions { AuthToken = AuthToken }), NullLogger<TwilioRequestVerifier>.Instance);
}
