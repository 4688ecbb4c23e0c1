using CxInbox.Channels.Email;
using CxInbox.Simulation.Traffic;
using Microsoft.Extensions.Configuration;

namespace CxInbox.Simulation.Sending;

/// <summary>
/// The secrets and accounts the simulator signs and addresses with, read from the same keys the Host reads
/// (<c>Channels:*</c>, <c>CxInbox:PublicBaseUrl</c>), so one environment configures both. A class, not a record:
/// <c>ToString</c> must not print the secrets.
/// </summary>
public sealed class SimulatorSettings
{
    public const string DefaultTwilioAccountSid = "AC00000000000000000000000000000000";
    public const string DefaultTwilioNumber = "+15555550100";
    public const string DefaultFacebookPageId = "100000000000001";
    public const string DefaultXAccountId = "1500000000000000001";
    public const string WebhookAccount = "traffic-simulator";

    /// <summary>The address the Host believes it is called at: Twilio signs that URL, not the one we connect to.</summary>
    public required Uri PublicBaseUrl { get; init; }

    public string TwilioAuthToken { get; init; } = "";

    public string TwilioAccountSid { get; init; } = DefaultTwilioAccountSid;

    public string TwilioNumber { get; init; } = DefaultTwilioNumber;

    public string FacebookAppSecret { get; init; } = "";

    public string FacebookPageId { get; init; } = DefaultFacebookPageId;

    public string XConsumerSecret { get; init; } = "";

    public string XAccountId { get; init; } = DefaultXAccountId;

    public string WebhookSecret { get; init; } = "";

    /// <summary>The mailbox the Host reads (<c>Channels:Email:Mailboxes:0:Address</c>); customers write to it.</summary>
    public string EmailMailbox { get; init; } = "";

    /// <summary>The SMTP server that delivers to that mailbox: the mailbox's own <c>Smtp</c>, else <c>Channels:Email:Smtp</c>.</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>Reads the Host's keys; <paramref name="target"/> stands in for an unset <c>CxInbox:PublicBaseUrl</c>.</summary>
    public static SimulatorSettings From(IConfiguration configuration, Uri target)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(target);
        var email = configuration.GetSection(EmailOptions.SectionName).Get<EmailOptions>() ?? new EmailOptions();
        var mailbox = email.Mailboxes.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m.Address));
        var publicBase = configuration["CxInbox:PublicBaseUrl"];
        return new SimulatorSettings
        {
            PublicBaseUrl = string.IsNullOrWhiteSpace(publicBase) ? target : new Uri(publicBase, UriKind.Absolute),
            TwilioAuthToken = configuration["Channels:Twilio:AuthToken"] ?? "",
            TwilioAccountSid = NonEmpty(configuration["Channels:Twilio:AccountSid"], DefaultTwilioAccountSid),
            TwilioNumber = NonEmpty(configuration["Channels:Twilio:Numbers:0"], DefaultTwilioNumber),
            FacebookAppSecret = configuration["Channels:Facebook:AppSecret"] ?? "",
            FacebookPageId = NonEmpty(configuration["Channels:Facebook:PageId"], DefaultFacebookPageId),
            XConsumerSecret = configuration["Channels:X:ConsumerSecret"] ?? "",
            XAccountId = NonEmpty(configuration["Channels:X:AccountId"], DefaultXAccountId),
            WebhookSecret = configuration["Channels:Webhook:Secret"] ?? "",
            EmailMailbox = mailbox?.Address ?? "",
            Smtp = mailbox?.Smtp is { Host.Length: > 0 } own ? own : email.Smtp is { Host.Length: > 0 } shared ? shared : null,
        };
    }

    /// <summary>Why <paramref name="channel"/> cannot be simulated with these settings, naming the key to set; null when it can.</summary>
    public string? Missing(SimulatedChannel channel) => channel switch
    {
        SimulatedChannel.Sms when TwilioAuthToken.Length == 0 => "sms needs Channels:Twilio:AuthToken (environment Channels__Twilio__AuthToken)",
        SimulatedChannel.Facebook when FacebookAppSecret.Length == 0 => "facebook needs Channels:Facebook:AppSecret (environment Channels__Facebook__AppSecret)",
        SimulatedChannel.X when XConsumerSecret.Length == 0 => "x needs Channels:X:ConsumerSecret (environment Channels__X__ConsumerSecret)",
        SimulatedChannel.Webhook when WebhookSecret.Length == 0 => "webhook needs Channels:Webhook:Secret (environment Channels__Webhook__Secret)",
        SimulatedChannel.Email when EmailMailbox.Length == 0 || Smtp is null =>
            "email needs a mailbox (Channels:Email:Mailboxes:0:Address) and an SMTP server that delivers to it (Channels:Email:Smtp:Host and Port)",
        _ => null,
    };

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
