using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.X.Inbound;

/// <summary>
/// X's webhook security (channels.md §3.2, §3.3): the CRC answer and <c>x-twitter-webhooks-signature</c> are both
/// <c>sha256=</c> + Base64(HMAC-SHA256(key = consumer secret, message)); the message is the decoded
/// <c>crc_token</c> for the one and the raw body bytes for the other.
/// </summary>
public static class XWebhookSignature
{
    public const string HeaderName = "x-twitter-webhooks-signature";

    public static string Compute(string consumerSecret, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(consumerSecret);
        return "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(consumerSecret), message));
    }

    /// <summary>The <c>response_token</c> X expects for a CRC challenge.</summary>
    public static string CrcResponseToken(string consumerSecret, string crcToken)
    {
        ArgumentNullException.ThrowIfNull(crcToken);
        return Compute(consumerSecret, Encoding.UTF8.GetBytes(crcToken));
    }

    /// <summary>The CRC answer's JSON body, <c>{"response_token":"sha256=…"}</c>.</summary>
    public static string CrcResponseBody(string consumerSecret, string crcToken) =>
        // Written by hand: Base64 and "sha256=" need no JSON escaping, and System.Text.Json's default encoder would
        // write '+' as \u002B (valid JSON, but not the byte-for-byte answer the vectors give).
        "{\"response_token\":\"" + CrcResponseToken(consumerSecret, crcToken) + "\"}";

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/>; compared in constant
    /// time. False for an empty secret or a missing header.</summary>
    public static bool IsValid(string consumerSecret, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(consumerSecret) || string.IsNullOrEmpty(header))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(consumerSecret, body));
        var actual = Encoding.ASCII.GetBytes(header.Trim());
        return expected.Length == actual.Length && CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
