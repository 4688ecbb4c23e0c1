using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Facebook;

/// <summary>The Meta app whose webhooks we receive and the Page we answer as (shared/reference/channels.md §2). A
/// class, not a record: a record's ToString would print the secrets.</summary>
public sealed class FacebookOptions
{
    public const string SectionName = "Channels:Facebook";

    /// <summary>The Meta app's secret; Meta signs every webhook with it (<c>X-Hub-Signature-256</c>), and when set,
    /// every Graph call carries the matching <c>appsecret_proof</c>. Default: empty, which refuses every webhook
    /// POST (403) because nothing can be verified.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>The string you type as "Verify token" in the App Dashboard; Meta sends it back in the GET handshake.
    /// Not the app secret. Default: empty, which refuses every handshake (403).</summary>
    public string VerifyToken { get; set; } = "";

    /// <summary>The Page's long-lived Page access token, used for the Send API. Default: empty, which fails every
    /// reply with <c>not_configured</c> without calling Meta.</summary>
    public string PageAccessToken { get; set; } = "";

    /// <summary>The Page id (digits) we serve. When set, webhook entries for other Pages are ignored (acknowledged,
    /// not routed) and replies go to <c>/{PageId}/messages</c>; replies on a conversation of another Page are
    /// refused. Default: empty (accept every Page the app is installed on and send through <c>/me/messages</c>,
    /// which is the Page the token belongs to).</summary>
    [RegularExpression("^[0-9]*$", ErrorMessage = "Channels:Facebook:PageId must be the Page's numeric id.")]
    public string PageId { get; set; } = "";

    /// <summary>The Graph API's base address, without the version. Default: <c>https://graph.facebook.com</c>.</summary>
    [Required]
    [Url]
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>The Graph API version in every call's path. Versions expire about two years after release: bump it
    /// and re-check the message tags (channels.md §2.7). Default: <c>v25.0</c>.</summary>
    [Required]
    [RegularExpression(@"^v[0-9]+\.[0-9]+$", ErrorMessage = "Channels:Facebook:GraphApiVersion must look like v25.0.")]
    public string GraphApiVersion { get; set; } = "v25.0";

    /// <summary>Timeouts, retries and circuit breaking of Send API calls. Default: the
    /// <see cref="ProviderResilienceOptions"/> defaults (10 s per attempt, 4 retries from 500 ms, at most 30 s apart).</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();
}
