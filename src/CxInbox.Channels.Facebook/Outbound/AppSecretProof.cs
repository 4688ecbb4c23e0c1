using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Facebook.Outbound;

/// <summary>
/// <c>appsecret_proof</c> = hex(HMAC-SHA256(app secret, access token)) (channels.md §2.3). An app with "Require App
/// Secret" on refuses Graph calls without it, so a stolen Page token is useless without the app secret too.
/// </summary>
public static class AppSecretProof
{
    public static string Compute(string appSecret, string accessToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(accessToken)));
}
