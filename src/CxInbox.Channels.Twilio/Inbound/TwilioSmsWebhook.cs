using System.Globalization;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Twilio.Inbound;

/// <summary>Twilio's "a message comes in" webhook for SMS and MMS (shared/reference/channels.md §1.1–1.5).</summary>
public sealed class TwilioSmsWebhook(IOptionsMonitor<TwilioOptions> options, TimeProvider clock, ILogger<TwilioSmsWebhook> logger)
    : IWebhookChannel
{
    public const string Channel = "sms";

    // An empty TwiML document: "no automatic reply". Agents answer through the REST API so replies are recorded.
    public static readonly WebhookResponse EmptyTwiml =
        new("text/xml", """<?xml version="1.0" encoding="UTF-8"?><Response></Response>""");

    public string Route => "twilio/sms";

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Handle(request));
    }

    private WebhookOutcome Handle(WebhookRequest request)
    {
        if (request.Method != "POST")
        {
            return new WebhookOutcome.Rejected(405, "Twilio message webhooks must be POSTed.");
        }

        if (request.MediaType != "application/x-www-form-urlencoded")
        {
            return new WebhookOutcome.Rejected(415, "Twilio message webhooks are application/x-www-form-urlencoded.");
        }

        if (!FormBody.TryParse(request.Body.Span, out var form, out var formError))
        {
            return new WebhookOutcome.Rejected(400, formError!);
        }

        var account = options.CurrentValue;
        var accountSid = Field(form, "AccountSid");
        if (account.AccountSid.Length > 0 && !string.Equals(accountSid, account.AccountSid, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Twilio webhook for account {AccountSid} refused: not our configured account", accountSid);
            return Forbidden;
        }

        if (account.AuthToken.Length == 0)
        {
            logger.LogWarning("Twilio webhook refused: Channels:Twilio:AuthToken is not configured, nothing can be verified");
            return Forbidden;
        }

        if (!TwilioSignature.IsValid(account.AuthToken, request.PublicUrl, form, request.Header("X-Twilio-Signature")))
        {
            logger.LogWarning("Twilio webhook refused: X-Twilio-Signature does not match {PublicUrl}", request.PublicUrl);
            return Forbidden;
        }

        return Parse(form);
    }

    private WebhookOutcome Parse(List<KeyValuePair<string, string>> form)
    {
        var messageSid = Field(form, "MessageSid");
        var from = Field(form, "From");
        var to = Field(form, "To");
        var missing = new[] { ("MessageSid", messageSid), ("From", from), ("To", to) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return new WebhookOutcome.Rejected(400, $"Required field(s) missing: {string.Join(", ", missing)}.");
        }

        if (!TryReadMedia(form, out var attachments, out var mediaError))
        {
            return new WebhookOutcome.Rejected(400, mediaError!);
        }

        var message = new InteractionReceived
        {
            InteractionId = Guid.CreateVersion7(),
            Channel = Channel,
            ChannelAccount = to!,
            ProviderMessageId = messageSid!,
            CustomerAddress = from!,
            Text = Field(form, "Body") ?? "",
            // Twilio's webhook carries no timestamp: the time we received it stands in (channels.md §1.1).
            ReceivedAt = clock.GetUtcNow(),
            Attachments = attachments,
        };
        return new WebhookOutcome.Accepted([message], EmptyTwiml);
    }

    private static bool TryReadMedia(List<KeyValuePair<string, string>> form, out List<AttachmentRef> attachments, out string? error)
    {
        attachments = [];
        error = null;
        var numMedia = Field(form, "NumMedia");
        if (string.IsNullOrEmpty(numMedia))
        {
            return true;
        }

        if (!int.TryParse(numMedia, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 10)
        {
            error = "NumMedia must be a whole number from 0 to 10.";
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var url = Field(form, $"MediaUrl{i}");
            if (string.IsNullOrEmpty(url))
            {
                error = $"NumMedia is {count} but MediaUrl{i} is missing.";
                return false;
            }

            attachments.Add(new AttachmentRef
            {
                Url = url,
                ContentType = Field(form, $"MediaContentType{i}") is { Length: > 0 } type ? type : "application/octet-stream",
            });
        }

        return true;
    }

    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request signature could not be verified.");

    private static string? Field(List<KeyValuePair<string, string>> form, string name) =>
        form.FirstOrDefault(p => p.Key == name).Value;
}
