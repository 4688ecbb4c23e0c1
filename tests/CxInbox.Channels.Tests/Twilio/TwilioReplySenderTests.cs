using System.Net;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Tests.FakeProviders;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Twilio.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Tests.Twilio;

/// <summary>The SMS sender against a fake Twilio that refuses anything Twilio's OpenAPI document does not allow.</summary>
public sealed class TwilioReplySenderTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    private static readonly OutboundReply Reply = new()
    {
        ReplyId = Guid.Parse("0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60"),
        ConversationId = Guid.NewGuid(),
        Channel = "sms",
        ChannelAccount = "+15555550100",
        CustomerAddress = "+15555550123",
        Text = "Halo Rina, paket #4821 sudah kami cek: tiba besok.",
    };

    [Test]
    public async Task A_reply_is_one_form_post_with_To_From_Body_and_a_status_callback_that_names_the_reply()
    {
        await using var twilio = await FakeTwilioAsync((_, _) => Created("SM00000000000000000000000000000001"));

        var outcome = await Sender(twilio).SendAsync(Reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("SM00000000000000000000000000000001", "queued")));
        var request = twilio.Requests.Single();
        var form = request.Form();
        Assert.That(request.Path, Is.EqualTo($"/2010-04-01/Accounts/{AccountSid}/Messages.json"));
        Assert.That(request.Headers["Authorization"], Is.EqualTo("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"))));
        Assert.That(form["To"], Is.EqualTo("+15555550123"));
        Assert.That(form["From"], Is.EqualTo("+15555550100"));
        Assert.That(form["Body"], Is.EqualTo(Reply.Text));
        Assert.That(form["StatusCallback"], Is.EqualTo("https://cx.example.com/webhooks/twilio/status?reply=0190f3a2-7c1e-7a55-9b3e-1d2c3b4a5f60"));
    }

    [Test]
    public async Task A_429_is_retried_after_the_wait_Twilio_asks_for()
    {
        await using var twilio = await FakeTwilioAsync((_, call) => call == 1
            ? new ProviderAnswer(HttpStatusCode.TooManyRequests, """{"code": 20429, "message": "Too Many Requests", "status": 429}""").WithHeader("Retry-After", "0")
            : Created("SM00000000000000000000000000000002"));

        var outcome = await Sender(twilio).SendAsync(Reply, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>());
        Assert.That(twilio.Requests.Count(r => r.Method == "POST"), Is.EqualTo(2));
    }

    [TestCase(21610, true, TestName = "An opted-out recipient (21610) fails permanently after one request and says so")]
    [TestCase(21211, false, TestName = "An invalid number (21211) fails permanently after one request")]
    public async Task Permanent_errors_are_not_retried(int code, bool optedOut)
    {
        await using var twilio = await FakeTwilioAsync((_, _) => new ProviderAnswer(HttpStatusCode.BadRequest,
            $$"""{"code": {{code}}, "message": "rejected", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": 400}"""));

        var outcome = await Sender(twilio).SendAsync(Reply, CancellationToken.None);

        var failed = (SendOutcome.Failed)outcome;
        Assert.That(failed.Code, Is.EqualTo(code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(failed.IsPermanent, Is.True);
        Assert.That(failed.RecipientOptedOut, Is.EqualTo(optedOut));
        Assert.That(failed.Reason, Does.Not.StartWith("Twilio error"), "a known code is explained in words");
        Assert.That(twilio.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task After_a_503_the_sender_looks_for_the_message_and_does_not_resend_one_Twilio_already_has()
    {
        await using var twilio = await FakeTwilioAsync((request, call) => request.Method == "GET"
            ? new ProviderAnswer(HttpStatusCode.OK, $$"""{"messages": [{"sid": "SM00000000000000000000000000000003", "body": {{System.Text.Json.JsonSerializer.Serialize(Reply.Text)}}, "status": "sent", "direction": "outbound-api", "date_created": "{{DateTimeOffset.UtcNow:r}}"}], "next_page_uri": null}""")
            : new ProviderAnswer(HttpStatusCode.ServiceUnavailable, "{}"));

        var outcome = await Sender(twilio).SendAsync(Reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("SM00000000000000000000000000000003", "sent")));
        Assert.That(twilio.Requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET" }));
    }

    [Test]
    public async Task After_a_503_the_sender_resends_once_when_Twilio_does_not_have_the_message()
    {
        await using var twilio = await FakeTwilioAsync((request, call) => request.Method == "GET"
            ? new ProviderAnswer(HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""")
            : call == 1 ? new ProviderAnswer(HttpStatusCode.ServiceUnavailable, "{}") : Created("SM00000000000000000000000000000004"));

        var outcome = await Sender(twilio).SendAsync(Reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("SM00000000000000000000000000000004", "queued")));
        Assert.That(twilio.Requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET", "POST" }));
    }

    [Test]
    public async Task A_burst_of_503s_ends_in_a_visible_transient_failure_not_a_third_send()
    {
        await using var twilio = await FakeTwilioAsync((request, _) => request.Method == "GET"
            ? new ProviderAnswer(HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""")
            : new ProviderAnswer(HttpStatusCode.ServiceUnavailable, "{}"));

        var outcome = await Sender(twilio).SendAsync(Reply, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>().With.Property("IsPermanent").False.And.Property("Code").EqualTo("ambiguous"));
        Assert.That(twilio.Requests.Count(r => r.Method == "POST"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_reply_longer_than_1600_characters_is_refused_without_calling_Twilio()
    {
        await using var twilio = await FakeTwilioAsync((_, _) => Created("SM0"));

        var outcome = await Sender(twilio).SendAsync(Reply with { Text = new string('a', 1601) }, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>().With.Property("IsPermanent").True);
        Assert.That(twilio.Requests, Is.Empty);
    }

    [Test]
    public async Task A_reply_that_would_cost_more_segments_than_allowed_is_refused_with_the_reason()
    {
        await using var twilio = await FakeTwilioAsync((_, _) => Created("SM0"));
        var emojiHeavy = string.Concat(Enumerable.Repeat("Mohon maaf 🙏 ", 60)); // UCS-2: 67 units a segment

        var outcome = await Sender(twilio).SendAsync(Reply with { Text = emojiHeavy }, CancellationToken.None);

        var failed = (SendOutcome.Failed)outcome;
        Assert.That(failed.Code, Is.EqualTo("too_many_segments"));
        Assert.That(failed.Reason, Does.Contain("emoji"));
        Assert.That(twilio.Requests, Is.Empty);
    }

    private static ProviderAnswer Created(string sid) => new ProviderAnswer(HttpStatusCode.Created,
        $$"""{"sid": "{{sid}}", "account_sid": "{{AccountSid}}", "from": "+15555550100", "to": "+15555550123", "body": "x", "status": "queued", "num_segments": "1", "direction": "outbound-api", "date_created": "Wed, 18 Nov 2026 11:20:41 +0000"}""");

    /// <summary>A fake Twilio that first checks each request against Twilio's OpenAPI document.</summary>
    private static Task<ScriptedProvider> FakeTwilioAsync(Func<ProviderRequest, int, ProviderAnswer> respond) =>
        ScriptedProvider.StartAsync((request, call) => TwilioOpenApi.Violation(request) is { } violation
            ? new ProviderAnswer(HttpStatusCode.BadRequest, $$"""{"code": 99999, "message": {{System.Text.Json.JsonSerializer.Serialize("OpenAPI: " + violation)}}, "status": 400}""")
            : respond(request, call));

    private static TwilioReplySender Sender(ScriptedProvider twilio)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(TwilioOptions.HttpClientName);
        var options = new TwilioOptions
        {
            AccountSid = AccountSid,
            AuthToken = AuthToken,
            ApiBaseUrl = twilio.BaseAddress.ToString(),
            StatusCallbackBaseUrl = "https://cx.example.com",
            Resilience = new ProviderResilienceOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20), AttemptTimeout = TimeSpan.FromSeconds(5) },
        };
        return new TwilioReplySender(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(),
            new FixedOptionsMonitor<TwilioOptions>(options), TimeProvider.System, NullLogger<TwilioReplySender>.Instance);
    }
}
