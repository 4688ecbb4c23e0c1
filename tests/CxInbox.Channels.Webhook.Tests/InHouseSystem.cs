using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Webhook.Tests;

/// <summary>The in-house system on the other end, written from docs/integrators.md ("The worked example") rather than
/// from the adapter, so the tests do not trust the code they test.</summary>
internal static class InHouseSystem
{
    public const string Secret = "in-house-webhook-secret-0123456789";

    public const string Account = "helpdesk-app";

    public const string SignatureHeader = "X-CxInbox-Signature";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes.</summary>
    public static string Sign(string secret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(body));
    }
}
