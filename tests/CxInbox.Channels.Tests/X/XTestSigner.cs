using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Tests.X;

/// <summary>
/// Signs webhook bodies the way X does (channels.md §3.3), written apart from XWebhookSignature so the webhook tests
/// do not trust the code they test: "sha256=" + Base64(HMAC-SHA256(consumer secret, raw body)).
/// </summary>
public static class XTestSigner
{
    public static string Sign(string consumerSecret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(consumerSecret));
        return "sha256=" + Convert.ToBase64String(hmac.ComputeHash(body));
    }
}
