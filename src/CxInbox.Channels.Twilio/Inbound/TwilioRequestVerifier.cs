using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Twilio.Inbound;

/// <summary>
/// Everything Twilio's form webhooks share before their fields are read: method, media type, strict form decoding,
/// the account, and <c>X-Twilio-Signature</c> with that account's token — in one place, so the account used to verify
/// is the one the fields are read for (shared/STYLE.md §5).
/// </summary>
public sealed class TwilioRequestVerifier(IOptionsMonitor<TwilioOptions> options, ILogger<TwilioRequestVerifier> logger)
{
    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request signature could not be verified.");

    /// <summary>The decoded form when the request is authentic; otherwise the rejection to answer with.</summary>
    public bool TryVerify(WebhookRequest request, out TwilioForm form, out WebhookOutcome rejection)
    {
        ArgumentNullException.ThrowIfNull(request);
        form = TwilioForm.Empty;
        rejection = Forbidden;
        if (request.Method != "POST")
        {
            rejection = new WebhookOutcome.Rejected(405, "Twilio webhooks must be POSTed.");
            return false;
        }

        if (request.MediaType == "application/json")
        {
            // Authentic JSON requests come from other Twilio products (channels.md §1.4); answer the forged ones 403
            // like any other, and tell the genuine ones they came to the wrong place.
            rejection = TwilioSignature.IsValidJsonBody(options.CurrentValue.AuthToken, request.PublicUrl, request.Body.Span, request.Header("X-Twilio-Signature"))
                ? new WebhookOutcome.Rejected(415, "This endpoint takes Twilio Messaging webhooks, which are application/x-www-form-urlencoded.")
                : Forbidden;
            return false;
        }

        if (request.MediaType != "application/x-www-form-urlencoded")
        {
            rejection = new WebhookOutcome.Rejected(415, "Twilio webhooks are application/x-www-form-urlencoded.");
            return false;
        }

        if (!FormBody.TryParse(request.Body.Span, out var fields, out var formError))
        {
            rejection = new WebhookOutcome.Rejected(400, formError!);
            return false;
        }

        var account = options.CurrentValue;
        form = new TwilioForm(fields);
        var accountSid = form["AccountSid"];
        if (account.AccountSid.Length > 0 && !string.Equals(accountSid, account.AccountSid, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Twilio webhook for account {AccountSid} refused: not our configured account", accountSid);
            return false;
        }

        if (account.AuthToken.Length == 0)
        {
            logger.LogWarning("Twilio webhook refused: Channels:Twilio:AuthToken is not configured, nothing can be verified");
            return false;
        }

        if (!TwilioSignature.IsValid(account.AuthToken, request.PublicUrl, fields, request.Header("X-Twilio-Signature")))
        {
            logger.LogWarning("Twilio webhook refused: X-Twilio-Signature does not match {PublicUrl}", request.PublicUrl);
            return false;
        }

        return true;
    }
}

/// <summary>A decoded Twilio form; a missing field reads as null.</summary>
public sealed class TwilioForm(IReadOnlyList<KeyValuePair<string, string>> fields)
{
    public static readonly TwilioForm Empty = new([]);

    public string? this[string name] => fields.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>The names among <paramref name="required"/> that are missing or blank.</summary>
    public List<string> Missing(params string[] required) => [.. required.Where(name => string.IsNullOrWhiteSpace(this[name]))];
}
