using System.ComponentModel.DataAnnotations;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.X;

/// <summary>
/// The X app and the brand account it acts for (shared/reference/channels.md §3). A class, not a record: a record's
/// ToString would print the secrets.
/// </summary>
public sealed class XOptions : IValidatableObject
{
    public const string SectionName = "Channels:X";

    /// <summary>The app's consumer key (API key), for OAuth 1.0a. Default: empty (replies fail as not configured).</summary>
    public string ConsumerKey { get; set; } = "";

    /// <summary>The app's consumer secret (API secret key). X signs the CRC answer and every webhook with it, and it
    /// signs our OAuth 1.0a requests. Default: empty, which refuses every webhook (403) because nothing can be
    /// verified.</summary>
    public string ConsumerSecret { get; set; } = "";

    /// <summary>The brand account's OAuth 1.0a access token (user context; it does not expire until revoked).
    /// Default: empty (replies fail as not configured).</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The brand account's OAuth 1.0a access token secret. Default: empty (replies fail as not configured).</summary>
    public string AccessTokenSecret { get; set; } = "";

    /// <summary>The brand account's numeric user id. When set, webhook events for any other subscribed account are
    /// ignored and replies on another account's thread are refused. Default: empty (the account is taken from each
    /// event's <c>for_user_id</c>).</summary>
    [RegularExpression("^([0-9]{1,19})?$", ErrorMessage = "Channels:X:AccountId must be the brand account's numeric user id (up to 19 digits).")]
    public string AccountId { get; set; } = "";

    /// <summary>X's API base address (v2 endpoints live under <c>/2/</c>). Default: <c>https://api.x.com</c>.</summary>
    [Url(ErrorMessage = "Channels:X:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = "https://api.x.com";

    /// <summary>Timeouts, retries and circuit breaking of the calls to X, one pipeline per sender. Default: the
    /// <see cref="ProviderResilienceOptions"/> defaults (10 s per attempt, 4 retries from 500 ms, waits capped at
    /// 30 s).</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    internal bool CanSend =>
        ConsumerKey.Length > 0 && ConsumerSecret.Length > 0 && AccessToken.Length > 0 && AccessTokenSecret.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] credentials = [ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret];
        if (credentials.Any(c => c.Length > 0) && !CanSend)
        {
            // A half-configured account verifies webhooks but fails every reply; say so at start, not at the first reply.
            var missing = new[]
                {
                    (nameof(ConsumerKey), ConsumerKey), (nameof(ConsumerSecret), ConsumerSecret),
                    (nameof(AccessToken), AccessToken), (nameof(AccessTokenSecret), AccessTokenSecret),
                }
                .Where(c => c.Item2.Length == 0).Select(c => $"{SectionName}:{c.Item1}");
            yield return new ValidationResult(
                $"X needs all four OAuth 1.0a values to send replies; missing: {string.Join(", ", missing)}.",
                [nameof(ConsumerKey), nameof(ConsumerSecret), nameof(AccessToken), nameof(AccessTokenSecret)]);
        }

        if (Resilience is null)
        {
            yield return new ValidationResult($"{SectionName}:Resilience must not be null.", [nameof(Resilience)]);
            yield break;
        }

        // Polly validates its own options when a pipeline is built; build one now so that a bad value stops the start.
        string? resilienceError = null;
        try
        {
            ProviderResilience.Create(_ => false, Resilience, TimeProvider.System);
        }
        catch (ValidationException e)
        {
            resilienceError = e.Message;
        }

        if (resilienceError is not null)
        {
            yield return new ValidationResult($"{SectionName}:Resilience is invalid: {resilienceError}", [nameof(Resilience)]);
        }
    }
}
