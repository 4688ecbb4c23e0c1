using System.Text.Json;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;

namespace CxInbox.Channels.Webhook.Inbound;

/// <summary>
/// Reads the generic webhook's body (docs/integrators.md, "The worked example") into <see cref="InteractionReceived"/>
/// messages, in the order they were sent. Every refusal names the field, so the in-house system's developer can fix
/// the request from the 400 alone. Unknown fields are ignored, so the sender may add its own.
/// </summary>
public static class GenericBatch
{
    /// <summary>Most messages in one request.</summary>
    public const int MaxMessages = 100;

    /// <summary>Most attachments on one message.</summary>
    public const int MaxAttachments = 10;

    private const string OctetStream = "application/octet-stream";

    public static bool TryRead(ReadOnlyMemory<byte> body, DateTimeOffset now, out List<InteractionReceived> messages, out string? error)
    {
        messages = [];
        if (!WebhookJson.TryParse(body, out var document, out var reason))
        {
            error = $"The body is not JSON: {reason}";
            return false;
        }

        using (document)
        {
            error = Read(document.RootElement, now, messages);
            return error is null;
        }
    }

    private static string? Read(JsonElement root, DateTimeOffset now, List<InteractionReceived> messages)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The body must be a JSON object with \"account\" and \"messages\".";
        }

        var (account, accountError) = RequiredString(root, "account", "the body");
        if (accountError is not null)
        {
            return accountError;
        }

        if (!root.TryGetProperty("messages", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            return "\"messages\" must be a non-empty array.";
        }

        if (items.GetArrayLength() > MaxMessages)
        {
            return $"\"messages\" holds {items.GetArrayLength()} messages; send at most {MaxMessages} per request.";
        }

        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var (message, error) = Message(item, $"messages[{index}]", account!, now);
            if (error is not null)
            {
                return error;
            }

            messages.Add(message!);
            index++;
        }

        return null;
    }

    private static (InteractionReceived? Message, string? Error) Message(JsonElement item, string where, string account, DateTimeOffset now)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, $"{where} must be an object.");
        }

        var id = RequiredString(item, "id", where);
        var from = RequiredString(item, "from", where);
        var name = OptionalString(item, "name", where);
        var text = OptionalString(item, "text", where);
        var sentAt = SentAt(item, where, now);
        var attachments = Attachments(item, where);
        if ((id.Error ?? from.Error ?? name.Error ?? text.Error ?? sentAt.Error ?? attachments.Error) is { } error)
        {
            return (null, error);
        }

        if (string.IsNullOrEmpty(text.Value) && attachments.Value!.Count == 0)
        {
            return (null, $"{where} has neither \"text\" nor \"attachments\".");
        }

        return (new InteractionReceived
        {
            InteractionId = Guid.CreateVersion7(),
            Channel = GenericWebhook.Channel,
            ChannelAccount = account,
            ProviderMessageId = id.Value!,
            CustomerAddress = from.Value!,
            CustomerName = string.IsNullOrWhiteSpace(name.Value) ? null : name.Value,
            Text = text.Value ?? "",
            ReceivedAt = sentAt.Value,
            Attachments = attachments.Value!,
        }, null);
    }

    private static (string? Value, string? Error) RequiredString(JsonElement parent, string field, string where) =>
        parent.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? (value.GetString(), null)
            : (null, $"{where}: \"{field}\" is required, a non-empty string.");

    private static (string? Value, string? Error) OptionalString(JsonElement parent, string field, string where)
    {
        if (!parent.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        return value.ValueKind == JsonValueKind.String ? (value.GetString(), null) : (null, $"{where}: \"{field}\" must be a string.");
    }

    private static (DateTimeOffset Value, string? Error) SentAt(JsonElement item, string where, DateTimeOffset now)
    {
        if (!item.TryGetProperty("sentAt", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (now.ToUniversalTime(), null);
        }

        // A time without an offset could be any zone's: refuse it rather than guess.
        if (value.ValueKind != JsonValueKind.String
            || !value.TryGetDateTime(out var local) || local.Kind == DateTimeKind.Unspecified
            || !value.TryGetDateTimeOffset(out var sentAt))
        {
            return (default, $"{where}: \"sentAt\" must be an ISO-8601 time with a zone, e.g. 2026-12-04T07:30:00Z.");
        }

        return (sentAt.ToUniversalTime(), null);
    }

    private static (List<AttachmentRef>? Value, string? Error) Attachments(JsonElement item, string where)
    {
        if (!item.TryGetProperty("attachments", out var items) || items.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            return (null, $"{where}: \"attachments\" must be an array.");
        }

        if (items.GetArrayLength() > MaxAttachments)
        {
            return (null, $"{where} has {items.GetArrayLength()} attachments; at most {MaxAttachments} per message.");
        }

        var attachments = new List<AttachmentRef>();
        foreach (var attachment in items.EnumerateArray())
        {
            var at = $"{where}.attachments[{attachments.Count}]";
            if (attachment.ValueKind != JsonValueKind.Object)
            {
                return (null, $"{at} must be an object.");
            }

            var url = RequiredString(attachment, "url", at);
            var contentType = OptionalString(attachment, "contentType", at);
            if ((url.Error ?? contentType.Error) is { } error)
            {
                return (null, error);
            }

            if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return (null, $"{at}: \"url\" must be an absolute http(s) URL.");
            }

            attachments.Add(new AttachmentRef
            {
                Url = url.Value!,
                ContentType = string.IsNullOrWhiteSpace(contentType.Value) ? OctetStream : contentType.Value,
            });
        }

        return (attachments, null);
    }
}
