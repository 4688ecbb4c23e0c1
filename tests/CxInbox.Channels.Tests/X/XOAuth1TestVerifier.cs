using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CxInbox.Channels.Tests.X;

/// <summary>
/// Reads and checks an OAuth 1.0a Authorization header the way X's side would, written apart from XOAuth1 (it
/// percent-encodes with Uri.EscapeDataString, RFC 3986 since .NET 4.5) so that the sender tests do not trust the code
/// they test.
/// </summary>
public static partial class XOAuth1TestVerifier
{
    public static readonly string[] RequiredParameters =
    [
        "oauth_consumer_key", "oauth_nonce", "oauth_signature", "oauth_signature_method", "oauth_timestamp", "oauth_token",
        "oauth_version",
    ];

    /// <summary>The header's parameters, decoded; fails the test when the header is not <c>OAuth k="v", …</c>.</summary>
    public static Dictionary<string, string> Parse(string header)
    {
        Assert.That(header, Does.StartWith("OAuth "), "the Authorization scheme");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header["OAuth ".Length..].Split(", "))
        {
            var match = Parameter().Match(part);
            Assert.That(match.Success, Is.True, $"'{part}' is not name=\"value\" with a percent-encoded value");
            parameters.Add(match.Groups["name"].Value, Uri.UnescapeDataString(match.Groups["value"].Value));
        }

        return parameters;
    }

    /// <summary>The signature the header should carry for this request, over its oauth_* parameters and query.</summary>
    public static string ExpectedSignature(string method, string url, IReadOnlyDictionary<string, string> oauth,
        string consumerSecret, string tokenSecret)
    {
        var uri = new Uri(url);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0].Replace('+', ' ')), p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : ""));
        var parameters = oauth.Where(p => p.Key != "oauth_signature").Select(p => (p.Key, p.Value)).Concat(query)
            .Select(p => (Name: Uri.EscapeDataString(p.Item1), Value: Uri.EscapeDataString(p.Item2)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}");
        var baseUrl = url.Split('?', 2)[0];
        var baseString = $"{method}&{Uri.EscapeDataString(baseUrl)}&{Uri.EscapeDataString(string.Join('&', parameters))}";
        var key = $"{Uri.EscapeDataString(consumerSecret)}&{Uri.EscapeDataString(tokenSecret)}";
#pragma warning disable CA5350 // OAuth 1.0a is HMAC-SHA1.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(key));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(baseString)));
    }

    [GeneratedRegex("^(?<name>[a-z_]+)=\"(?<value>[A-Za-z0-9%._~-]*)\"$")]
    private static partial Regex Parameter();
}
