using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Webhook;

/// <summary>
/// <c>X-CxInbox-Signature: sha256=</c> + lower-case hex(HMAC-SHA256(secret, raw body)), the same in both directions:
/// the in-house system signs the webhooks it sends us, and we sign the replies we POST to it. The MAC covers the
/// bytes on the wire, never JSON parsed and written again.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-CxInbox-Signature";

    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, body));

    /// <summary>True when <paramref name="header"/> is <c>sha256=</c> and the body's MAC in hex; false for an empty
    /// secret, whatever the header.</summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(secret) || header is null
            || !header.StartsWith(Prefix, StringComparison.Ordinal)
            || header.Length != Prefix.Length + (2 * HMACSHA256.HashSizeInBytes))
        {
            return false;
        }

        var presented = new byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        // FixedTimeEquals takes as long for a MAC that differs in its first byte as for one that differs in its last.
        return CryptographicOperations.FixedTimeEquals(Mac(secret, body), presented);
    }

    private static byte[] Mac(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
}
