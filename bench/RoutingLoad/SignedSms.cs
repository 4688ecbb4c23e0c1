using System.Security.Cryptography;
using System.Text;

namespace RoutingLoad;

/// <summary>A Twilio inbound-SMS webhook, signed as scripts/send-test-sms.sh signs it.</summary>
internal static class SignedSms
{
    public const string WebhookPath = "/webhooks/twilio/sms";
    private const string OurNumber = "+15555550100";

    public static HttpRequestMessage Create(Uri publicUrl, string token, string account, string from, string text)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccountSid"] = account,
            ["ApiVersion"] = "2010-04-01",
            ["Body"] = text,
            ["From"] = from,
            ["MessageSid"] = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["NumMedia"] = "0",
            ["To"] = OurNumber,
        };

        // X-Twilio-Signature = Base64(HMAC-SHA1(auth token, public URL + each field's name and value, sorted by name)).
        var signed = new StringBuilder(publicUrl.OriginalString.TrimEnd('/') + WebhookPath);
        foreach (var (name, value) in fields)
        {
            signed.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1.
        var signature = HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(signed.ToString()));
#pragma warning restore CA5350

        var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(signature));
        return request;
    }
}
