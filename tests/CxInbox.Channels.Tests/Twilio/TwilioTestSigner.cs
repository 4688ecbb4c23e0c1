using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Tests.Twilio;

/// <summary>
/// Signs form bodies the way Twilio does (channels.md §1.2), written apart from TwilioSignature so that the webhook
/// tests do not trust the code they test: Base64(HMAC-SHA1(token, url + name + value for each field, sorted by name
/// then value, ordinally)).
/// </summary>
public static class TwilioTestSigner
{
    public static string Sign(string authToken, string url, IEnumerable<(string Name, string Value)> fields)
    {
        var text = url + string.Concat(fields
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Value, StringComparer.Ordinal)
            .Select(f => f.Name + f.Value));
#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350
    }

    /// <summary>The fields form-encoded in the order given, as Twilio would post them.</summary>
    public static byte[] Encode(IEnumerable<(string Name, string Value)> fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));
}
