using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Facebook.Inbound;

/// <summary>
/// <c>X-Hub-Signature-256: sha256=</c> + hex(HMAC-SHA256(app secret, raw body)) (channels.md §2.3). Meta signs the
/// bytes it sent, with non-ASCII as <c>\uXXXX</c> and <c>/</c> as <c>\/</c>: hash the bytes received, never JSON
/// parsed and written again.
/// </summary>
public static class FacebookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>The header value Meta would send for <paramref name="body"/>.</summary>
    public static string Compute(string appSecret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(appSecret, body));

    /// <summary>True when <paramref name="header"/> is <c>sha256=</c> and the body's MAC in hex (either case).</summary>
    public static bool IsValid(string appSecret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null
            || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || header.Length != Prefix.Length + (2 * HMACSHA256.HashSizeInBytes))
        {
            return false;
        }

        // Comparing the decoded bytes accepts upper- and lower-case hex alike; FixedTimeEquals takes as long for a
        // MAC that differs in its first byte as for one that differs in its last.
        var presented = new byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != presented.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(appSecret, body), presented);
    }

    private static byte[] Mac(string appSecret, ReadOnlySpan<byte> body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
}
