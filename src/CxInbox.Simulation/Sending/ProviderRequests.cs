using System.Globalization;
using System.Text;
using System.Text.Json;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X.Inbound;
using CxInbox.Simulation.Traffic;
using MimeKit;

namespace CxInbox.Simulation.Sending;

/// <summary>A webhook request as the provider would send it: path under the Host, media type, the exact body bytes
/// and the signature header over them.</summary>
public sealed record SignedWebhook(string Path, string ContentType, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);

/// <summary>
/// Turns a simulated message into what its provider sends: Twilio's form, Meta's and X's JSON, the generic webhook's
/// JSON, or a customer's e-mail. Pure: the time is passed in. Signatures come from the channels' own code
/// (<see cref="TwilioSignature"/>, <see cref="FacebookSignature"/>, <see cref="XWebhookSignature"/>,
/// <see cref="Sha256HexSignature"/>), so the simulator and the adapters cannot disagree about them.
/// </summary>
public static class ProviderRequests
{
    public const string TwilioPath = "webhooks/twilio/sms";
    public const string FacebookPath = "webhooks/facebook";
    public const string XPath = "webhooks/x";
    public const string GenericWebhookPath = "webhooks/generic";

    // The generic webhook's documented header (docs/integrators.md §7). Named here rather than taken from the worked
    // example's project: the example is used the way an in-house system uses it, from its documentation alone.
    public const string GenericSignatureHeader = "X-CxInbox-Signature";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static SignedWebhook Webhook(SimulatedMessage message, SimulatorSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        return message.Channel switch
        {
            SimulatedChannel.Sms => Twilio(message, settings),
            SimulatedChannel.Facebook => Facebook(message, settings, now),
            SimulatedChannel.X => X(message, settings, now),
            SimulatedChannel.Webhook => Generic(message, settings, now),
            _ => throw new ArgumentException($"{message.Channel.ToName()} is not a webhook channel", nameof(message)),
        };
    }

    /// <summary>The customer's e-mail to the mailbox; a follow-up answers the previous one (In-Reply-To, References).</summary>
    public static MimeMessage Email(SimulatedMessage message, SimulatorSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        var mail = new MimeMessage
        {
            MessageId = message.ProviderMessageId,
            Subject = message.Subject,
            Date = now,
            Body = new TextPart("plain") { Text = message.Text },
        };
        mail.From.Add(new MailboxAddress(message.Customer.Name, message.Customer.Address));
        mail.To.Add(MailboxAddress.Parse(settings.EmailMailbox));
        if (message.InReplyTo is { } previous)
        {
            mail.InReplyTo = previous;
            mail.References.Add(previous);
        }

        return mail;
    }

    private static SignedWebhook Twilio(SimulatedMessage message, SimulatorSettings settings)
    {
        KeyValuePair<string, string>[] form =
        [
            new("ToCountry", "US"),
            new("SmsMessageSid", message.ProviderMessageId),
            new("NumMedia", "0"),
            new("SmsSid", message.ProviderMessageId),
            new("SmsStatus", "received"),
            new("Body", message.Text),
            new("FromCountry", "ID"),
            new("To", settings.TwilioNumber),
            new("NumSegments", "1"),
            new("MessageSid", message.ProviderMessageId),
            new("AccountSid", settings.TwilioAccountSid),
            new("From", message.Customer.Address),
            new("ApiVersion", "2010-04-01"),
        ];
        var body = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        var url = settings.PublicBaseUrl.ToString().TrimEnd('/') + "/" + TwilioPath;
        return new SignedWebhook(TwilioPath, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(body),
            [new("X-Twilio-Signature", TwilioSignature.Compute(settings.TwilioAuthToken, url, form))]);
    }

    private static SignedWebhook Facebook(SimulatedMessage message, SimulatorSettings settings, DateTimeOffset now)
    {
        var body = Json(w =>
        {
            w.WriteString("object", "page");
            w.WriteStartArray("entry");
            w.WriteStartObject();
            w.WriteString("id", settings.FacebookPageId);
            w.WriteNumber("time", now.ToUnixTimeMilliseconds());
            w.WriteStartArray("messaging");
            w.WriteStartObject();
            w.WriteStartObject("sender");
            w.WriteString("id", message.Customer.Address);
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", settings.FacebookPageId);
            w.WriteEndObject();
            w.WriteNumber("timestamp", now.ToUnixTimeMilliseconds());
            w.WriteStartObject("message");
            w.WriteString("mid", message.ProviderMessageId);
            w.WriteString("text", message.Text);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        });
        return new SignedWebhook(FacebookPath, "application/json", body,
            [new(FacebookSignature.HeaderName, FacebookSignature.Compute(settings.FacebookAppSecret, body))]);
    }

    private static SignedWebhook X(SimulatedMessage message, SimulatorSettings settings, DateTimeOffset now)
    {
        var sender = message.Customer.Address;
        var body = Json(w =>
        {
            w.WriteString("for_user_id", settings.XAccountId);
            w.WriteStartArray("direct_message_events");
            w.WriteStartObject();
            w.WriteString("type", "message_create");
            w.WriteString("id", message.ProviderMessageId);
            w.WriteString("created_timestamp", now.ToUnixTimeMilliseconds().ToString(Invariant));
            w.WriteStartObject("message_create");
            w.WriteStartObject("target");
            w.WriteString("recipient_id", settings.XAccountId);
            w.WriteEndObject();
            w.WriteString("sender_id", sender);
            w.WriteStartObject("message_data");
            w.WriteString("text", message.Text);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("users");
            w.WriteStartObject(sender);
            w.WriteString("id", sender);
            w.WriteString("name", message.Customer.Name);
            w.WriteString("screen_name", message.Customer.Name.Replace(' ', '_').ToLowerInvariant() + "_" + message.Customer.Index.ToString(Invariant));
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return new SignedWebhook(XPath, "application/json", body,
            [new(XWebhookSignature.HeaderName, XWebhookSignature.Compute(settings.XConsumerSecret, body))]);
    }

    private static SignedWebhook Generic(SimulatedMessage message, SimulatorSettings settings, DateTimeOffset now)
    {
        var body = Json(w =>
        {
            w.WriteString("account", SimulatorSettings.WebhookAccount);
            w.WriteStartArray("messages");
            w.WriteStartObject();
            w.WriteString("id", message.ProviderMessageId);
            w.WriteString("from", message.Customer.Address);
            w.WriteString("name", message.Customer.Name);
            w.WriteString("text", message.Text);
            w.WriteString("sentAt", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Invariant));
            w.WriteEndObject();
            w.WriteEndArray();
        });
        return new SignedWebhook(GenericWebhookPath, "application/json", body,
            [new(GenericSignatureHeader, Sha256HexSignature.Compute(settings.WebhookSecret, body))]);
    }

    private static byte[] Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
