using System.Text.Json;
using CxInbox.Contracts;

namespace CxInbox.Channels.X.Inbound;

/// <summary>v1.1 media entities, as AAA delivers them in DMs (<c>message_data.attachment.media</c>) and posts
/// (<c>extended_entities.media</c>).</summary>
internal static class XMedia
{
    /// <summary>The attachments, and the text without the t.co link X appends for each medium (the link only
    /// points back at the attachment the agent already sees).</summary>
    public static (string Text, IReadOnlyList<AttachmentRef> Attachments) Read(string text, IEnumerable<JsonElement> media)
    {
        var attachments = new List<AttachmentRef>();
        foreach (var medium in media)
        {
            if (Attachment(medium) is not { } attachment)
            {
                continue;
            }

            attachments.Add(attachment);
            if (XJson.String(medium, "url") is { Length: > 0 } link && text.EndsWith(link, StringComparison.Ordinal))
            {
                text = text[..^link.Length].TrimEnd();
            }
        }

        return (text, attachments);
    }

    private static AttachmentRef? Attachment(JsonElement medium)
    {
        // Videos and GIFs: the best MP4 variant; their media_url_https is only a still frame.
        var type = XJson.String(medium, "type");
        if (type is "video" or "animated_gif")
        {
            var best = XJson.Array(XJson.Object(medium, "video_info"), "variants")
                .Where(v => XJson.String(v, "content_type") == "video/mp4" && XJson.String(v, "url") is { Length: > 0 })
                .OrderByDescending(v => v.TryGetProperty("bitrate", out var b) && b.TryGetInt64(out var bitrate) ? bitrate : 0)
                .FirstOrDefault();
            if (best.ValueKind == JsonValueKind.Object)
            {
                return new AttachmentRef { Url = XJson.String(best, "url")!, ContentType = "video/mp4" };
            }
        }

        var url = XJson.String(medium, "media_url_https") ?? XJson.String(medium, "media_url");
        return string.IsNullOrEmpty(url) ? null : new AttachmentRef { Url = url, ContentType = ImageType(url) };
    }

    private static string ImageType(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PNG" => "image/png",
            ".GIF" => "image/gif",
            ".WEBP" => "image/webp",
            _ => "image/jpeg",
        };
    }
}
