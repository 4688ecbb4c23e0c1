using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Twilio;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Webhook;
using CxInbox.Channels.Webhook.Inbound;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Inbound;
using CxInbox.Simulation.Sending;
using CxInbox.Simulation.Traffic;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Simulation.Tests.Sending;

/// <summary>The simulator's requests are judged by the real adapters, configured as a Host would be: accepted with
/// the right secret, refused with another, and read back as the message the simulator meant.</summary>
public sealed class ProviderRequestsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private static readonly SimulatorSettings Settings = new()
    {
        PublicBaseUrl = new Uri("https://cx.example.com"),
        TwilioAuthToken = "simulated-twilio-token",
        TwilioAccountSid = "AC0123456789abcdef0123456789abcdef",
        TwilioNumber = "+15555550100",
        FacebookAppSecret = "simulated-facebook-secret",
        FacebookPageId = "100000000000777",
        XConsumerSecret = "simulated-x-consumer-secret",
        XAccountId = "1500000000000000777",
        WebhookSecret = "simulated-webhook-secret-0123456789",
    };

    public static IEnumerable<SimulatedChannel> WebhookChannels() => SimulatedChannels.All.Where(c => c != SimulatedChannel.Email);

    [TestCaseSource(nameof(WebhookChannels))]
    public async Task The_adapter_accepts_the_request_and_reads_the_simulated_message(SimulatedChannel channel)
    {
        var message = MessageOn(channel, followUp: false);

        var outcome = await HandleAsync(channel, ProviderRequests.Webhook(message, Settings, Now), Settings);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>(), $"got {outcome}");
        var received = ((WebhookOutcome.Accepted)outcome).Messages.Single();
        Assert.That((received.ProviderMessageId, received.CustomerAddress, received.Text),
            Is.EqualTo((message.ProviderMessageId, message.Customer.Address, message.Text)));
        Assert.That(received.ChannelAccount, Is.EqualTo(channel switch
        {
            SimulatedChannel.Sms => Settings.TwilioNumber,
            SimulatedChannel.Facebook => Settings.FacebookPageId,
            SimulatedChannel.X => Settings.XAccountId,
            _ => SimulatorSettings.WebhookAccount,
        }));
    }

    [TestCaseSource(nameof(WebhookChannels))]
    public async Task Signed_with_another_secret_the_adapter_refuses_it(SimulatedChannel channel)
    {
        var other = new SimulatorSettings
        {
            PublicBaseUrl = Settings.PublicBaseUrl,
            TwilioAuthToken = "another-token",
            TwilioAccountSid = Settings.TwilioAccountSid,
            FacebookAppSecret = "another-secret",
            FacebookPageId = Settings.FacebookPageId,
            XConsumerSecret = "another-secret",
            XAccountId = Settings.XAccountId,
            WebhookSecret = "another-secret-0123456789",
        };

        var outcome = await HandleAsync(channel, ProviderRequests.Webhook(MessageOn(channel, followUp: false), other, Now), Settings);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(403));
    }

    [Test]
    public async Task Twilio_is_signed_for_the_public_address_not_the_one_connected_to()
    {
        var request = ProviderRequests.Webhook(MessageOn(SimulatedChannel.Sms, followUp: false), Settings, Now);

        var outcome = await HandleAsync(SimulatedChannel.Sms, request, Settings, publicUrl: "http://127.0.0.1:5080/" + request.Path);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(403));
    }

    [Test]
    public void An_email_follow_up_answers_the_previous_mail_of_the_thread()
    {
        var message = MessageOn(SimulatedChannel.Email, followUp: true);
        var settings = new SimulatorSettings { PublicBaseUrl = Settings.PublicBaseUrl, EmailMailbox = "support@cx.test" };

        var mail = ProviderRequests.Email(message, settings, Now);

        Assert.That((mail.MessageId, mail.InReplyTo, mail.References.Single(), mail.Subject, mail.TextBody),
            Is.EqualTo((message.ProviderMessageId, message.InReplyTo, message.InReplyTo, message.Subject, message.Text)));
        Assert.That(mail.Subject, Does.StartWith("Re: "));
        Assert.That(mail.From.Mailboxes.Single().Address, Is.EqualTo(message.Customer.Address));
        Assert.That(mail.To.Mailboxes.Single().Address, Is.EqualTo("support@cx.test"));
    }

    private static SimulatedMessage MessageOn(SimulatedChannel channel, bool followUp) =>
        TrafficGenerator.Generate(new TrafficPlan { Channels = [channel], Customers = 5, Rate = 10, Duration = TimeSpan.FromSeconds(5), Seed = 7 })
            .First(m => (m.FollowUpOf is not null) == followUp);

    private static Task<WebhookOutcome> HandleAsync(SimulatedChannel channel, SignedWebhook signed, SimulatorSettings host, string? publicUrl = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = signed.ContentType };
        foreach (var (name, value) in signed.Headers)
        {
            headers[name] = value;
        }

        var request = new WebhookRequest("POST", publicUrl ?? "https://cx.example.com/" + signed.Path, headers, signed.Body);
        IWebhookChannel adapter = channel switch
        {
            SimulatedChannel.Sms => new TwilioSmsWebhook(
                new TwilioRequestVerifier(new FixedOptionsMonitor<TwilioOptions>(new TwilioOptions { AccountSid = host.TwilioAccountSid, AuthToken = host.TwilioAuthToken }),
                    NullLogger<TwilioRequestVerifier>.Instance),
                TimeProvider.System),
            SimulatedChannel.Facebook => new FacebookWebhook(
                new FixedOptionsMonitor<FacebookOptions>(new FacebookOptions { AppSecret = host.FacebookAppSecret, PageId = host.FacebookPageId }),
                TimeProvider.System, NullLogger<FacebookWebhook>.Instance),
            SimulatedChannel.X => new XWebhook(
                new FixedOptionsMonitor<XOptions>(new XOptions { ConsumerSecret = host.XConsumerSecret, AccountId = host.XAccountId }),
                TimeProvider.System, NullLogger<XWebhook>.Instance),
            _ => new GenericWebhook(new FixedOptionsMonitor<WebhookOptions>(new WebhookOptions { Secret = host.WebhookSecret }),
                TimeProvider.System, NullLogger<GenericWebhook>.Instance),
        };
        Assert.That(adapter.Route, Is.EqualTo(signed.Path["webhooks/".Length..]));
        return adapter.HandleAsync(request, CancellationToken.None);
    }
}
