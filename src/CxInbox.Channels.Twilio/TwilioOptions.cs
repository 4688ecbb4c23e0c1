using System.ComponentModel.DataAnnotations;

namespace CxInbox.Channels.Twilio;

/// <summary>The Twilio account whose numbers send to us. A class, not a record: a record's ToString would print the token.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Channels:Twilio";

    /// <summary>The account SID (<c>AC…</c>) that owns our numbers. When set, webhooks for any other account are
    /// refused. Default: empty (accept the account whose token verifies the signature).</summary>
    [RegularExpression("^(AC[0-9a-fA-F]{32})?$", ErrorMessage = "Channels:Twilio:AccountSid must look like AC followed by 32 hex digits.")]
    public string AccountSid { get; set; } = "";

    /// <summary>The account's primary auth token; Twilio signs webhooks with it. Default: empty, which refuses every
    /// webhook (403) because nothing can be verified.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>Twilio's REST API base address. Default: <c>https://api.twilio.com</c>.</summary>
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";
}
