using System.Net;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Simulation.Sending;
using CxInbox.Simulation.Traffic;

namespace CxInbox.Simulation.Tests.Sending;

/// <summary>The sender against a local HTTP server standing in for the Host: it retries what a provider retries,
/// and reports what became of every message.</summary>
public sealed class TrafficSenderTests
{
    private static readonly SimulatorSettings Settings = new()
    {
        PublicBaseUrl = new Uri("https://cx.example.com"),
        TwilioAuthToken = "token",
        FacebookAppSecret = "fb-secret",
        XConsumerSecret = "x-secret",
        WebhookSecret = "webhook-secret-0123456789",
    };

    // Fast retries: the test checks what is retried, not how long it waits.
    private static readonly ProviderResilienceOptions QuickRetries = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAttempts = 3 };

    [Test]
    public async Task Every_message_goes_to_its_channel_path_with_its_signature_header()
    {
        await using var host = await ScriptedProvider.StartAsync(_ => new ProviderAnswer(HttpStatusCode.OK, "{}"));
        var messages = Messages(SimulatedChannel.Sms, SimulatedChannel.Facebook, SimulatedChannel.X, SimulatedChannel.Webhook);

        var report = await RunAsync(host, messages);

        Assert.That((report.Sent, report.Accepted, report.Refused, report.Failed), Is.EqualTo((messages.Count, messages.Count, 0, 0)));
        Assert.That(host.Requests.Select(r => r.Path).Distinct(),
            Is.EquivalentTo(new[] { "/webhooks/twilio/sms", "/webhooks/facebook", "/webhooks/x", "/webhooks/generic" }));
        Assert.That(host.Requests.Where(r => r.Path == "/webhooks/twilio/sms"), Has.All.Matches<ProviderRequest>(r => r.Headers.ContainsKey("X-Twilio-Signature")));
        Assert.That(host.Requests.Where(r => r.Path == "/webhooks/facebook"), Has.All.Matches<ProviderRequest>(r => r.Headers.ContainsKey("X-Hub-Signature-256")));
        Assert.That(host.Requests.Where(r => r.Path == "/webhooks/x"), Has.All.Matches<ProviderRequest>(r => r.Headers.ContainsKey("x-twitter-webhooks-signature")));
        Assert.That(host.Requests.Where(r => r.Path == "/webhooks/generic"), Has.All.Matches<ProviderRequest>(r => r.Headers.ContainsKey("X-CxInbox-Signature")));
    }

    [Test]
    public async Task A_503_or_429_is_sent_again_until_the_Host_takes_it()
    {
        var answered = 0;
        await using var host = await ScriptedProvider.StartAsync(_ => Interlocked.Increment(ref answered) switch
        {
            1 => new ProviderAnswer(HttpStatusCode.ServiceUnavailable),
            2 => new ProviderAnswer(HttpStatusCode.TooManyRequests).WithHeader("Retry-After", "0"),
            _ => new ProviderAnswer(HttpStatusCode.OK, "{}"),
        });
        var messages = Messages(SimulatedChannel.Sms).Take(1).ToList();

        var report = await RunAsync(host, messages);

        var sms = report.Channels[SimulatedChannel.Sms];
        Assert.That((sms.Sent, sms.Accepted, sms.Attempts), Is.EqualTo((1, 1, 3)));
        Assert.That(host.Requests.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "every attempt carries the same signed body");
    }

    [Test]
    public async Task A_refusal_is_not_retried_and_its_reason_is_reported()
    {
        await using var host = await ScriptedProvider.StartAsync(_ => new ProviderAnswer(HttpStatusCode.Forbidden,
            """{"title":"Forbidden","status":403,"detail":"The request signature could not be verified."}""", "application/problem+json"));
        var messages = Messages(SimulatedChannel.Facebook).Take(2).ToList();

        var report = await RunAsync(host, messages);

        var facebook = report.Channels[SimulatedChannel.Facebook];
        Assert.That((facebook.Sent, facebook.Refused, facebook.Attempts), Is.EqualTo((2, 2, 2)));
        Assert.That(facebook.Reasons, Is.EquivalentTo(new Dictionary<string, int> { ["403 The request signature could not be verified."] = 2 }));
        Assert.That(report.Describe(), Does.Contain("facebook: 2 x 403 The request signature could not be verified."));
    }

    [Test]
    public async Task A_Host_that_keeps_failing_is_reported_as_failed_after_the_retries()
    {
        await using var host = await ScriptedProvider.StartAsync(_ => new ProviderAnswer(HttpStatusCode.InternalServerError));
        var messages = Messages(SimulatedChannel.X).Take(1).ToList();

        var report = await RunAsync(host, messages);

        var x = report.Channels[SimulatedChannel.X];
        Assert.That((x.Sent, x.Failed, x.Attempts), Is.EqualTo((1, 1, 1 + QuickRetries.MaxRetryAttempts)));
    }

    [Test]
    public async Task A_channel_of_your_own_sends_in_its_own_format()
    {
        await using var host = await ScriptedProvider.StartAsync(_ => new ProviderAnswer(HttpStatusCode.OK, "{}"));
        var messages = Messages(SimulatedChannel.Webhook).Take(2).ToList();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        await using var sender = new TrafficSender(http, Settings, TimeProvider.System, resilience: QuickRetries,
            webhookFor: (message, _) => new SignedWebhook("webhooks/acme", "text/plain", System.Text.Encoding.UTF8.GetBytes(message.Text),
                [new("X-Acme-Signature", "signed:" + message.ProviderMessageId)]));

        var report = await sender.RunAsync(messages, new Dictionary<SimulatedChannel, string>(), CancellationToken.None);

        Assert.That(report.Accepted, Is.EqualTo(2));
        Assert.That(host.Requests.Select(r => (r.Path, r.Body, r.Headers["X-Acme-Signature"])),
            Is.EquivalentTo(messages.Select(m => ("/webhooks/acme", m.Text, "signed:" + m.ProviderMessageId))));
    }

    [Test]
    public async Task Skipped_channels_are_named_in_the_report()
    {
        await using var host = await ScriptedProvider.StartAsync(_ => new ProviderAnswer(HttpStatusCode.OK, "{}"));

        var report = await RunAsync(host, Messages(SimulatedChannel.Webhook).Take(1).ToList(),
            new Dictionary<SimulatedChannel, string> { [SimulatedChannel.Email] = "email needs a mailbox" });

        Assert.That(report.Describe(), Does.Contain("email skipped: email needs a mailbox"));
    }

    private static List<SimulatedMessage> Messages(params SimulatedChannel[] channels) =>
        TrafficGenerator.Generate(new TrafficPlan { Channels = channels, Customers = 8, Rate = 200, Duration = TimeSpan.FromSeconds(0.1), Seed = 3 }).ToList();

    private static async Task<SimulationReport> RunAsync(ScriptedProvider host, IReadOnlyList<SimulatedMessage> messages,
        IReadOnlyDictionary<SimulatedChannel, string>? skipped = null)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        await using var sender = new TrafficSender(http, Settings, TimeProvider.System, resilience: QuickRetries);
        return await sender.RunAsync(messages, skipped ?? new Dictionary<SimulatedChannel, string>(), CancellationToken.None);
    }
}
