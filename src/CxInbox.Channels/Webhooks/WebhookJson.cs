using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CxInbox.Channels.Webhooks;

/// <summary>
/// Parses a webhook's JSON body and refuses what System.Text.Json parses but cannot read: a string that escapes a
/// lone UTF-16 surrogate (<c>"\udc00"</c>) is valid JSON syntax, yet reading it as text throws. Checked once, up
/// front, so that an adapter's field reads never throw on a verified body.
/// </summary>
public static class WebhookJson
{
    /// <param name="reason">Why the body is not usable JSON, when this returns false.</param>
    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            document = null;
            reason = e.Message;
            return false;
        }

        if (FirstUnreadableString(document.RootElement, "$") is { } path)
        {
            document.Dispose();
            document = null;
            reason = $"the string at {path} escapes a lone UTF-16 surrogate, which is not text.";
            return false;
        }

        reason = null;
        return true;
    }

    // The document's depth is capped (64 by default), so the recursion is too.
    private static string? FirstUnreadableString(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstUnreadableString(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = "";
                    if (!Readable(() => name = property.Name))
                    {
                        return $"{path} (a property name)";
                    }

                    if (FirstUnreadableString(property.Value, $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
