using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Twilio;

/// <summary>The Twilio account whose numbers send to us. A class, not a record: a record's ToString would print the token.</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Channels:Twilio";

    /// <summary>The name of the HttpClient that calls Twilio's API.</summary>
    public const string HttpClientName = "twilio";

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

    /// <summary>Where Twilio sends status callbacks for our replies: this + <c>/webhooks/twilio/status</c>. Default:
    /// empty, which takes <c>CxInbox:PublicBaseUrl</c>; without either, replies carry no callback and stay "queued".</summary>
    [Url]
    public string? StatusCallbackBaseUrl { get; set; }

    /// <summary>Our Twilio numbers (E.164) whose inbound messages the reconciliation lists, to ingest any a failed
    /// webhook missed. Default: none, which turns reconciliation off.</summary>
    public IReadOnlyList<string> Numbers { get; set; } = [];

    /// <summary>How often reconciliation runs. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back reconciliation looks. Default: 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ReconcileLookback { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Replies that would cost more SMS segments than this are refused with the reason (cost control).
    /// Default: 10.</summary>
    [Range(1, 20)]
    public int MaxSegments { get; set; } = 10;

    /// <summary>Retries, timeouts and circuit breaking of calls to Twilio's API; see ProviderResilienceOptions.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();
}
