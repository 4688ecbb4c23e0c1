using CxInbox.Channels.Webhooks;

namespace CxInbox.Channels.Facebook.Inbound;

/// <summary>
/// <c>X-Hub-Signature-256: sha256=</c> + hex(HMAC-SHA256(app secret, raw body)) (channels.md §2.3). Meta signs the
/// bytes it sent, with non-ASCII as <c>\uXXXX</c> and <c>/</c> as <c>\/</c>: hash the bytes received, never JSON
/// parsed and written again.
/// </summary>
public static class FacebookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    /// <summary>The header value Meta would send for <paramref name="body"/>.</summary>
    public static string Compute(string appSecret, ReadOnlySpan<byte> body) => Sha256HexSignature.Compute(appSecret, body);

    /// <summary>True when <paramref name="header"/> is <c>sha256=</c> (any case) and the body's MAC in hex (either case).</summary>
    public static bool IsValid(string appSecret, ReadOnlySpan<byte> body, string? header) =>
        Sha256HexSignature.IsValid(appSecret, body, header, StringComparison.OrdinalIgnoreCase);
}
