using System.ComponentModel.DataAnnotations;

namespace CxInbox.Api.RateLimits;

/// <summary>The <c>CxInbox:RateLimits</c> section.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "CxInbox:RateLimits";

    /// <summary>Webhooks, counted per provider (the first segment after <c>/webhooks/</c>) and client IP address.</summary>
    [Required]
    public WebhookRateLimitOptions Webhooks { get; set; } = new();
}

public sealed class WebhookRateLimitOptions
{
    /// <summary>Requests one provider may send from one address per <see cref="Window"/>; more get 429 with
    /// Retry-After. Default: 6000, far above what a contact centre's providers send, so only a flood is cut.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 6000;

    /// <summary>The fixed window the limit counts in. Default: one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
