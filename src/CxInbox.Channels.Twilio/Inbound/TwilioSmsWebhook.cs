using System.Globalization;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;

namespace CxInbox.Channels.Twilio.Inbound;

/// <summary>Twilio's "a message comes in" webhook for SMS and MMS (shared/reference/channels.md §1.1–1.5).</summary>
public sealed class TwilioSmsWebhook(TwilioRequestVerifier verifier, TimeProvider clock)
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

    private WebhookOutcome Handle(WebhookRequest request) =>
        verifier.TryVerify(request, out var form, out var rejection) ? Parse(form) : rejection;

    private WebhookOutcome Parse(TwilioForm form)
    {
        var messageSid = form["MessageSid"];
        var from = form["From"];
        var to = form["To"];
        var missing = form.Missing("MessageSid", "From", "To");
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
            Text = form["Body"] ?? "",
            // Twilio's webhook carries no timestamp: the time we received it stands in (channels.md §1.1).
            ReceivedAt = clock.GetUtcNow(),
            Attachments = attachments,
        };
        return new WebhookOutcome.Accepted([message], EmptyTwiml)
        {
            ConsentChanges = TwilioCapabilities.Sms.MatchConsentKeyword(message.Text) is { } optedOut
                ? [new ContactConsentChanged
                {
                    Channel = Channel,
                    ChannelAccount = message.ChannelAccount,
                    CustomerAddress = message.CustomerAddress,
                    OptedOut = optedOut,
                    Keyword = message.Text.Trim(),
                    ProviderMessageId = message.ProviderMessageId,
                    ChangedAt = message.ReceivedAt,
                }]
                : [],
        };
    }

    private static bool TryReadMedia(TwilioForm form, out List<AttachmentRef> attachments, out string? error)
    {
        attachments = [];
        error = null;
        var numMedia = form["NumMedia"];
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
            var url = form[$"MediaUrl{i}"];
            if (string.IsNullOrEmpty(url))
            {
                error = $"NumMedia is {count} but MediaUrl{i} is missing.";
                return false;
            }

            attachments.Add(new AttachmentRef
            {
                Url = url,
                ContentType = form[$"MediaContentType{i}"] is { Length: > 0 } type ? type : "application/octet-stream",
            });
        }

        return true;
    }
}
