using CxInbox.Channels.Webhooks;

namespace CxInbox.Channels.Webhook;

/// <summary>
/// <c>X-CxInbox-Signature: sha256=</c> + lower-case hex(HMAC-SHA256(secret, raw body)), the same in both directions:
/// the in-house system signs the webhooks it sends us, and we sign the replies we POST to it.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-CxInbox-Signature";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body) => Sha256HexSignature.Compute(secret, body);

    /// <summary>True when <paramref name="header"/> is <c>sha256=</c> and the body's MAC in hex; false for an empty
    /// secret, whatever the header.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header) => Sha256HexSignature.IsValid(secret, body, header);
}
