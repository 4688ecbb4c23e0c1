using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.X.Outbound;

/// <summary>
/// OAuth 1.0a user-context signing (HMAC-SHA1) for X's API, as channels.md §3.7 and RFC 5849 §3.4 describe it: the
/// base string is <c>METHOD&amp;pct(base URL)&amp;pct(sorted "pct(k)=pct(v)" joined by "&amp;")</c> over the
/// <c>oauth_*</c> parameters, the query parameters and form-encoded body parameters. A JSON body is not signed.
/// </summary>
public static class XOAuth1
{
    public const string SignatureMethod = "HMAC-SHA1";
    public const string Version = "1.0";

    /// <summary>The <c>Authorization</c> header value (<c>OAuth oauth_consumer_key="…", …</c>) for one request.
    /// Use a fresh <paramref name="nonce"/> and the current time for every request: X refuses a replayed nonce and a
    /// timestamp far from its clock.</summary>
    /// <param name="formParameters">Decoded <c>application/x-www-form-urlencoded</c> body fields, if the body is a
    /// form; never pass a JSON body's content.</param>
    public static string AuthorizationHeader(
        string method,
        Uri requestUri,
        XOptions credentials,
        long timestamp,
        string nonce,
        IEnumerable<KeyValuePair<string, string>>? formParameters = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        ArgumentNullException.ThrowIfNull(credentials);
        var oauth = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["oauth_consumer_key"] = credentials.ConsumerKey,
            ["oauth_nonce"] = nonce,
            ["oauth_signature_method"] = SignatureMethod,
            ["oauth_timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["oauth_token"] = credentials.AccessToken,
            ["oauth_version"] = Version,
        };
        var parameters = oauth.Concat(QueryParameters(requestUri)).Concat(formParameters ?? []);
        var baseString = SignatureBaseString(method, BaseUrl(requestUri), parameters);
        oauth["oauth_signature"] = Sign(baseString, SigningKey(credentials.ConsumerSecret, credentials.AccessTokenSecret));
        return "OAuth " + string.Join(", ", oauth.Select(p => $"{PercentEncode(p.Key)}=\"{PercentEncode(p.Value)}\""));
    }

    /// <summary>RFC 5849 §3.4.1: <c>METHOD&amp;pct(baseUrl)&amp;pct(normalised parameters)</c>.</summary>
    public static string SignatureBaseString(string method, string baseUrl, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        // Sorted by encoded name, then encoded value (RFC 5849 §3.4.1.3.2), ordinally: byte order, as X compares.
        var normalized = string.Join('&', parameters
            .Select(p => (Name: PercentEncode(p.Key), Value: PercentEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
        return method.ToUpperInvariant() + "&" + PercentEncode(baseUrl) + "&" + PercentEncode(normalized);
    }

    public static string SigningKey(string consumerSecret, string tokenSecret) =>
        PercentEncode(consumerSecret) + "&" + PercentEncode(tokenSecret);

    public static string Sign(string signatureBaseString, string signingKey)
    {
        ArgumentNullException.ThrowIfNull(signatureBaseString);
        ArgumentNullException.ThrowIfNull(signingKey);
#pragma warning disable CA5350 // OAuth 1.0a as X implements it is HMAC-SHA1; we follow the protocol, we do not choose.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(signatureBaseString));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>RFC 3986 percent-encoding of the UTF-8 bytes, keeping only <c>A–Z a–z 0–9 - . _ ~</c>.
    /// (<see cref="Uri.EscapeDataString(string)"/> is close, but OAuth fixes the set, so it is spelled out.)</summary>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    /// <summary>A fresh nonce: 128 random bits as hex (X asks only that it be unique and alphanumeric).</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>RFC 5849 §3.4.1.2: scheme and host in lower case, the port only when it is not the default, the path
    /// as sent, no query or fragment.</summary>
    public static string BaseUrl(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        return requestUri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }

    /// <summary>The query's fields, decoded as <c>application/x-www-form-urlencoded</c> (RFC 5849 §3.4.1.3.1).</summary>
    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri requestUri)
    {
        var query = requestUri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            yield return new(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : "");
        }
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
