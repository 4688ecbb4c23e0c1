using System.ComponentModel.DataAnnotations;

namespace CxInbox.Api;

/// <summary>The <c>CxInbox</c> section: how this deployment is reached and what it runs.</summary>
public sealed class CxInboxOptions : IValidatableObject
{
    public const string SectionName = "CxInbox";

    /// <summary>The public address providers call, e.g. <c>https://cx.example.com</c>. Signatures such as Twilio's
    /// cover the URL the provider called, which is not what Kestrel sees behind a proxy. Default: empty, which uses
    /// the address of the request itself (fine only without a proxy).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Which roles this process runs: <c>all</c> (default) or a comma-separated set of
    /// <c>ingress</c>, <c>routing</c>, <c>api</c>. The <c>--role</c> command-line switch sets it.</summary>
    public string Roles { get; set; } = "all";

    /// <summary>Folder of the embedded SQLite store when <c>ConnectionStrings:Postgres</c> is empty. Default: <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Create a few demo agents when the store has none. Default: null, which seeds only the embedded store.</summary>
    public bool? SeedDemoAgents { get; set; }

    /// <summary>Largest webhook body accepted, in bytes; larger ones get 413. Default: 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a webhook waits for the broker to take its messages before it answers 503, so the provider
    /// retries well inside its own timeout (Twilio waits 15 s). Default: 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan WebhookPublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // [Url] would refuse the empty string that appsettings.json ships, and with it every Production start.
        if (!string.IsNullOrEmpty(PublicBaseUrl) &&
            !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            yield return new ValidationResult(
                $"CxInbox:PublicBaseUrl must be empty or an absolute http(s) address such as https://cx.example.com, not '{PublicBaseUrl}'.",
                [nameof(PublicBaseUrl)]);
        }
    }
}
