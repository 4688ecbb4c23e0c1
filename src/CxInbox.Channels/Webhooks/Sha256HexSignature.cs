using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Webhooks;

/// <summary>
/// The common webhook signature <c>sha256=</c> + hex(HMAC-SHA256(secret, raw body)), as Meta and many in-house
/// systems send it. The MAC covers the bytes on the wire, never JSON parsed and written again.
/// </summary>
public static class Sha256HexSignature
{
    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>, in lower-case hex.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, body));

    /// <summary>True when <paramref name="header"/> is the prefix and the body's MAC in hex (either case); false for
    /// an empty secret, whatever the header.</summary>
    /// <param name="prefixComparison">How strictly the <c>sha256=</c> prefix is matched.</param>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header, StringComparison prefixComparison = StringComparison.Ordinal)
    {
        if (string.IsNullOrEmpty(secret) || header is null
            || !header.StartsWith(Prefix, prefixComparison)
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
