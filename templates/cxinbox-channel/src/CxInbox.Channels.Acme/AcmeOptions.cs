using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Acme;

/// <summary>The Acme account we receive from and reply as. A class, not a record: a record's ToString would print
/// the secret.</summary>
public sealed class AcmeOptions
{
    public const string SectionName = "Channels:Acme";

    /// <summary>The secret Acme signs its webhooks with. Default: empty, which must refuse every webhook (403)
    /// because nothing can be verified.</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Acme's API base address, for replies. Tests point it at a local stand-in.</summary>
    [Url]
    public string ApiBaseUrl { get; set; } = "https://api.acme.example";

    /// <summary>Retries, timeouts and circuit breaking of calls to Acme; see ProviderResilienceOptions.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();
}
