using System.Security.Cryptography;
using System.Text;

namespace CxInbox.Channels.Twilio.Inbound;

/// <summary>
/// <c>X-Twilio-Signature</c>: Base64(HMAC-SHA1(auth token, URL + every form field's name and value, sorted by name
/// ordinally)). See shared/reference/channels.md §1.2.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder(url);
        foreach (var group in form.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                text.Append(group.Key).Append(value);
            }
        }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1; we verify, we do not choose.
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// True when <paramref name="signature"/> matches the URL as given or with its default port added or removed:
    /// Twilio has signed both forms over the years and its own validators accept either.
    /// </summary>
    public static bool IsValid(string authToken, string url, IReadOnlyCollection<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var candidates = UrlVariants(url);
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= FixedTimeEquals(Compute(authToken, candidate, form), signature);
        }

        return matched;
    }

    /// <summary>
    /// The <c>application/json</c> variant (channels.md §1.4): Twilio signs the URL alone, which carries
    /// <c>bodySHA256</c>, the lower-case hex SHA-256 of the raw body. Both must hold.
    /// </summary>
    public static bool IsValidJsonBody(string authToken, string url, ReadOnlySpan<byte> body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0 || !IsValid(authToken, url, [], signature))
        {
            return false;
        }

        var claimed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[query..]).TryGetValue("bodySHA256", out var value) ? value.ToString() : "";
        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        return FixedTimeEquals(actual, claimed);
    }

    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var defaultPort = uri.Scheme switch { "https" => 443, "http" => 80, _ => -1 };
        if (defaultPort < 0)
        {
            yield break;
        }

        // The authority is rebuilt by hand: Uri.ToString would unescape the path and query Twilio signed.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], schemeEnd);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[schemeEnd..authorityEnd];
        var rest = url[authorityEnd..];
        var explicitDefault = ":" + defaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (authority.EndsWith(explicitDefault, StringComparison.Ordinal))
        {
            yield return url[..schemeEnd] + authority[..^explicitDefault.Length] + rest;
        }
        else if (authority.LastIndexOf(':') <= authority.LastIndexOf(']'))
        {
            yield return url[..schemeEnd] + authority + explicitDefault + rest;
        }
    }

    private static bool FixedTimeEquals(string expected, string actual)
    {
        var a = Encoding.ASCII.GetBytes(expected);
        var b = Encoding.ASCII.GetBytes(actual);
        return a.Length == b.Length && CryptographicOperations.FixedTimeEquals(a, b);
    }
}
