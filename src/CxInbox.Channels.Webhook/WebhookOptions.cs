using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Webhook;

/// <summary>The in-house system on the other end of the generic webhook: the secret both sides sign with and where
/// replies go. A class, not a record: a record's ToString would print the secret.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Channels:Webhook";

    /// <summary>Shortest secret accepted at start: an HMAC-SHA256 key of 16 characters or more.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>The shared secret of <c>X-CxInbox-Signature</c>, in both directions. Default: empty, which refuses
    /// every webhook (403) and every reply, because nothing can be verified.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The absolute http(s) URL replies are POSTed to. Default: empty, which fails every reply permanently
    /// ("not configured").</summary>
    public string ReplyUrl { get; set; } = "";

    /// <summary>Retries, timeouts and circuit breaking of calls to <see cref="ReplyUrl"/>; see
    /// ProviderResilienceOptions.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <summary>Checked at start (ValidateOnStart); the messages never include the secret.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Secret.Length is > 0 and < MinimumSecretLength)
        {
            yield return new ValidationResult(
                $"Channels:Webhook:Secret must be empty (channel off) or at least {MinimumSecretLength} characters.", [nameof(Secret)]);
        }

        if (ReplyUrl.Length > 0
            && !(Uri.TryCreate(ReplyUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("Channels:Webhook:ReplyUrl must be empty (no replies) or an absolute http(s) URL.", [nameof(ReplyUrl)]);
        }
    }
}
