using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Tests.Facebook;

/// <summary>Signs bodies as Meta does (channels.md §2.3), apart from FacebookSignature so that the webhook tests do
/// not trust the code they test.</summary>
public static class FacebookTestSigner
{
    public static string Sign(string appSecret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(appSecret));
        return "sha256=" + string.Concat(hmac.ComputeHash(body).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
