using CxInbox.Simulation.Sending;
using CxInbox.Simulation.Traffic;
using Microsoft.Extensions.Configuration;

namespace CxInbox.Simulation.Tests.Sending;

public sealed class SimulatorSettingsTests
{
    private static readonly Uri Target = new("http://127.0.0.1:5080");

    [Test]
    public void The_Host_keys_configure_the_simulator()
    {
        var configuration = Configuration(new()
        {
            ["CxInbox:PublicBaseUrl"] = "https://cx.example.com",
            ["Channels:Twilio:AuthToken"] = "token",
            ["Channels:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["Channels:Twilio:Numbers:0"] = "+6221555000",
            ["Channels:Facebook:AppSecret"] = "fb",
            ["Channels:Facebook:PageId"] = "123",
            ["Channels:X:ConsumerSecret"] = "x",
            ["Channels:X:AccountId"] = "456",
            ["Channels:Webhook:Secret"] = "webhook-secret-0123456789",
            ["Channels:Email:Mailboxes:0:Address"] = "support@cx.test",
            ["Channels:Email:Mailboxes:0:Host"] = "127.0.0.1",
            ["Channels:Email:Smtp:Host"] = "127.0.0.1",
            ["Channels:Email:Smtp:Port"] = "10025",
            ["Channels:Email:Smtp:TlsMode"] = "None",
        });

        var settings = SimulatorSettings.From(configuration, Target);

        Assert.That(settings.PublicBaseUrl, Is.EqualTo(new Uri("https://cx.example.com")));
        Assert.That((settings.TwilioAuthToken, settings.TwilioAccountSid, settings.TwilioNumber),
            Is.EqualTo(("token", "AC0123456789abcdef0123456789abcdef", "+6221555000")));
        Assert.That((settings.FacebookAppSecret, settings.FacebookPageId, settings.XConsumerSecret, settings.XAccountId, settings.WebhookSecret),
            Is.EqualTo(("fb", "123", "x", "456", "webhook-secret-0123456789")));
        Assert.That((settings.EmailMailbox, settings.Smtp?.Host, settings.Smtp?.SmtpPort), Is.EqualTo(("support@cx.test", "127.0.0.1", 10025)));
        Assert.That(SimulatedChannels.All.Select(settings.Missing), Is.All.Null);
    }

    [Test]
    public void Without_configuration_the_target_is_the_public_address_and_each_channel_names_the_key_it_needs()
    {
        var settings = SimulatorSettings.From(Configuration([]), Target);

        Assert.That(settings.PublicBaseUrl, Is.EqualTo(Target));
        Assert.That(SimulatedChannels.All.Select(c => settings.Missing(c)!.Split(' ')[2]),
            Is.EqualTo(new[] { "Channels:Twilio:AuthToken", "Channels:Facebook:AppSecret", "Channels:X:ConsumerSecret", "a", "Channels:Webhook:Secret" }));
        Assert.That(settings.Missing(SimulatedChannel.Email), Does.Contain("Channels:Email:Mailboxes:0:Address").And.Contain("Channels:Email:Smtp:Host"));
    }

    [Test]
    public void A_mailbox_of_its_own_SMTP_server_wins_over_the_shared_one()
    {
        var settings = SimulatorSettings.From(Configuration(new()
        {
            ["Channels:Email:Mailboxes:0:Address"] = "sales@cx.test",
            ["Channels:Email:Mailboxes:0:Smtp:Host"] = "mail.own.test",
            ["Channels:Email:Smtp:Host"] = "mail.shared.test",
        }), Target);

        Assert.That(settings.Smtp?.Host, Is.EqualTo("mail.own.test"));
    }

    [Test]
    public void Its_text_never_shows_a_secret()
    {
        var settings = SimulatorSettings.From(Configuration(new() { ["Channels:Twilio:AuthToken"] = "very-secret-token" }), Target);

        Assert.That(settings.ToString(), Does.Not.Contain("very-secret-token"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
