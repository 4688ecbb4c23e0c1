using System.Security.Cryptography;
using System.Text;

namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>Builds inbound SMS webhooks the way Twilio sends them. Signs with its own few lines of HMAC, not the
/// production code, so a bug there cannot hide here.</summary>
internal static class TwilioWebhooks
{
    public const string Path = "/webhooks/twilio/sms";
    public const string OurNumber = "+15555550100";

    private static int numberSequence;

    /// <summary>A customer number no other test uses in this run.</summary>
    public static string NewCustomerNumber() =>
        $"+1555{Environment.ProcessId % 1000:000}{Interlocked.Increment(ref numberSequence):0000}";

    public static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");

    public static List<KeyValuePair<string, string>> Sms(string from, string body, string? messageSid = null) =>
    [
        new("ToCountry", "US"),
        new("NumMedia", "0"),
        new("ToCity", ""),
        new("Body", body),
        new("To", OurNumber),
        new("MessageSid", messageSid ?? NewMessageSid()),
        new("AccountSid", CxInboxHostFactory.TwilioAccountSid),
        new("From", from),
        new("ApiVersion", "2010-04-01"),
    ];

    public static HttpRequestMessage Signed(IReadOnlyList<KeyValuePair<string, string>> form, string authToken = CxInboxHostFactory.TwilioAuthToken)
    {
        var request = Unsigned(form);
        request.Headers.Add("X-Twilio-Signature", Signature(authToken, CxInboxHostFactory.PublicBaseUrl + Path, form));
        return request;
    }

    /// <summary>Twilio's status callback for one of our replies, to the callback URL our sender gave it.</summary>
    public static HttpRequestMessage SignedStatus(Guid replyId, string messageSid, string status)
    {
        var path = $"/webhooks/twilio/status?reply={replyId:D}";
        List<KeyValuePair<string, string>> form =
        [
            new("MessageSid", messageSid),
            new("MessageStatus", status),
            new("AccountSid", CxInboxHostFactory.TwilioAccountSid),
            new("To", "+15555550199"),
            new("From", OurNumber),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Signature(CxInboxHostFactory.TwilioAuthToken, CxInboxHostFactory.PublicBaseUrl + path, form));
        return request;
    }

    public static HttpRequestMessage Unsigned(IReadOnlyList<KeyValuePair<string, string>> form) =>
        new(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(form) };

    public static HttpRequestMessage Raw(byte[] body, string signature, string contentType = "application/x-www-form-urlencoded")
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.Add("X-Twilio-Signature", signature);
        return request;
    }

    public static string Signature(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio's signature is HMAC-SHA1 by definition.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Posts the webhook until it is answered 2xx, as a provider that retries would; a dead ingress refuses
    /// the connection or cuts the request. Returns the MessageSid once accepted, null after
    /// <paramref name="attempts"/>; <paramref name="refused"/> hears of every failed attempt.</summary>
    public static async Task<string?> DeliverAsync(HttpClient webhooks, List<KeyValuePair<string, string>> form, int attempts, Action refused, CancellationToken ct)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            try
            {
                using var response = await webhooks.SendAsync(Signed(form), ct);
                if (response.IsSuccessStatusCode)
                {
                    return form.Single(p => p.Key == "MessageSid").Value;
                }
            }
            catch (HttpRequestException)
            {
            }

            refused();
            await Task.Delay(TimeSpan.FromMilliseconds(250 * (attempt + 1)), ct);
        }

        return null;
    }
}
