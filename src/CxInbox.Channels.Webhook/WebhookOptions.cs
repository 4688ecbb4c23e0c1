using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Webhook;

/// <summary>The Webhook account we receive from and reply as. A class, not a record: a record's ToString would print
/// the secret.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Channels:Webhook";

    /// <summary>The secret Webhook signs its webhooks with. Default: empty, which must refuse every webhook (403)
    /// because nothing can be verified.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Webhook's API base address, for replies. Tests point it at a local stand-in.</summary>
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.webhook.example";

    /// <summary>Retries, timeouts and circuit breaking of calls to Webhook; see ProviderResilienceOptions.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();
}
