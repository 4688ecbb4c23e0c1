using System.Globalization;
using System.Text.Json;

namespace CxInbox.Channels.X.Inbound;

/// <summary>Tolerant reads from X's JSON: a missing or mistyped field is null, never an exception.</summary>
internal static class XJson
{
    public static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    public static JsonElement Property(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value : default;

    public static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static bool Has(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>An id as text. X's numeric ids exceed 2^53, so a number is taken digit for digit, never as a double
    /// (channels.md §3.4: prefer the <c>*_str</c> fields).</summary>
    public static string? Id(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return text is { Length: > 0 } && text.All(char.IsAsciiDigit) ? text : null;
    }

    /// <summary>Unix milliseconds, as X writes <c>created_timestamp</c> and <c>timestamp_ms</c> (a string, or a number).</summary>
    public static DateTimeOffset? UnixMilliseconds(JsonElement parent, string name)
    {
        var text = Id(parent, name);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    /// <summary>v1.1's <c>created_at</c>: <c>Wed Nov 18 11:13:20 +0000 2026</c>.</summary>
    public static DateTimeOffset? LegacyDate(JsonElement parent, string name) =>
        DateTimeOffset.TryParseExact(String(parent, name), "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date)
            ? date.ToUniversalTime()
            : null;

    /// <summary>v2's <c>created_at</c>: ISO 8601 in UTC.</summary>
    public static DateTimeOffset? IsoDate(JsonElement parent, string name) =>
        DateTimeOffset.TryParse(String(parent, name), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;

    private const long MaxUnixMilliseconds = 253_402_300_799_999;
}
