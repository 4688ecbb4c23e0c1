using System.Text.Json;

namespace CxInbox.Channels.X.Outbound;

/// <summary>
/// What X said was wrong. v2 answers errors as problem+json (<c>{"type": "https://api.x.com/2/problems/&lt;kind&gt;",
/// "title", "detail", "status"}</c>), sometimes inside an <c>errors</c> array next to <c>data</c>, and some
/// endpoints still use <c>{"errors": [{"code", "message"}]}</c> (channels.md §3.6).
/// </summary>
internal sealed record XProblem(string? Kind, string? Title, string? Detail)
{
    /// <summary>For the agent: X's own words, or empty.</summary>
    public string Describe() => Detail ?? Title ?? Kind ?? "";

    public bool Is(string kind) => string.Equals(Kind, kind, StringComparison.OrdinalIgnoreCase);

    public bool Mentions(string word) =>
        (Detail?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || (Title?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false);

    public static XProblem? Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (From(root) is { } problem)
            {
                return problem;
            }

            return root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                ? errors.EnumerateArray().Select(From).FirstOrDefault(p => p is not null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static XProblem? From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // "about:blank" is RFC 7807's "no particular kind" (X answers its plain 429s with it).
        var type = Text(element, "type") is { Length: > 0 } t && t != "about:blank" ? t : null;
        var kind = type is null ? Text(element, "code") : type[(type.LastIndexOf('/') + 1)..];
        var title = Text(element, "title");
        var detail = Text(element, "detail") ?? Text(element, "message");
        return kind is null && title is null && detail is null ? null : new XProblem(kind, title, detail);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
