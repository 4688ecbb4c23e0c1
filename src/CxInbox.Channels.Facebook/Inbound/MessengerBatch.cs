using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;
using Microsoft.Extensions.Logging;

namespace CxInbox.Channels.Facebook.Inbound;

/// <summary>
/// Reads one authentic <c>object: page</c> webhook body (channels.md §2.4–2.5) into what we publish: customer
/// messages and postbacks as <see cref="InteractionReceived"/>, delivery receipts and the echoes of our own replies
/// as <see cref="DeliveryStatusReported"/>. Tolerant by design: an event we do not know or cannot use is skipped
/// and logged, never a reason to refuse the batch (Meta would redeliver every other event in it for 36 hours).
/// </summary>
public static class MessengerBatch
{
    /// <summary>What one body carried that we publish.</summary>
    public sealed record Contents(IReadOnlyList<InteractionReceived> Messages, IReadOnlyList<DeliveryStatusReported> Statuses);

    /// <param name="body">The raw body, already verified.</param>
    /// <param name="onlyPageId">When not empty, events of every other Page are skipped.</param>
    /// <param name="now">Stands in for an event's time when Meta sends none.</param>
    /// <param name="error">Why the body as a whole is unusable (400), when this returns false.</param>
    public static bool TryRead(ReadOnlyMemory<byte> body, string onlyPageId, DateTimeOffset now, ILogger logger,
        out Contents contents, out string? error)
    {
        ArgumentNullException.ThrowIfNull(logger);
        contents = new Contents([], []);
        if (!WebhookJson.TryParse(body, out var document, out var reason))
        {
            error = $"The body is not valid JSON: {reason}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The body must be a JSON object with \"object\": \"page\".";
                return false;
            }

            var kind = String(root, "object");
            if (kind != "page")
            {
                // Instagram messaging posts object "instagram" with ids of another space (channels.md §2.4).
                error = kind is null
                    ? "The body has no \"object\" field; this endpoint takes Page webhooks (\"object\": \"page\")."
                    : $"This endpoint takes Page webhooks (\"object\": \"page\"), not \"{kind}\".";
                return false;
            }

            if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                error = "The body has no \"entry\" array.";
                return false;
            }

            var reader = new Reader(onlyPageId, now, logger);
            foreach (var entry in entries.EnumerateArray())
            {
                reader.ReadEntry(entry);
            }

            contents = new Contents(reader.Messages, reader.Statuses);
            error = null;
            return true;
        }
    }

    private sealed class Reader(string onlyPageId, DateTimeOffset now, ILogger logger)
    {
        public List<InteractionReceived> Messages { get; } = [];

        public List<DeliveryStatusReported> Statuses { get; } = [];

        public void ReadEntry(JsonElement entry)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                logger.LogWarning("Facebook webhook entry that is not an object skipped");
                return;
            }

            var entryPageId = Id(entry, "id");
            var entryTime = Milliseconds(entry, "time");

            // "standby" holds the events of threads another app (e.g. the Meta Business Suite inbox) owns for now.
            // They are still the customer's words: dropping them would leave holes in the conversation.
            foreach (var arrayName in (ReadOnlySpan<string>)["messaging", "standby"])
            {
                if (entry.TryGetProperty(arrayName, out var events) && events.ValueKind == JsonValueKind.Array)
                {
                    foreach (var messagingEvent in events.EnumerateArray())
                    {
                        ReadEvent(messagingEvent, entryPageId, entryTime);
                    }
                }
            }

            if (entry.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
            {
                // Page feed (comments, posts): not handled by this adapter, see docs/channels-facebook.md.
                logger.LogDebug("Facebook webhook: {Count} Page feed change(s) for Page {PageId} ignored",
                    changes.GetArrayLength(), entryPageId);
            }
        }

        private void ReadEvent(JsonElement messagingEvent, string? entryPageId, DateTimeOffset? entryTime)
        {
            if (messagingEvent.ValueKind != JsonValueKind.Object)
            {
                logger.LogWarning("Facebook messaging event that is not an object skipped (Page {PageId})", entryPageId);
                return;
            }

            var senderId = Id(Object(messagingEvent, "sender"), "id");
            var recipientId = Id(Object(messagingEvent, "recipient"), "id");
            var at = Milliseconds(messagingEvent, "timestamp") ?? entryTime ?? now;

            if (Object(messagingEvent, "message") is { ValueKind: JsonValueKind.Object } message)
            {
                if (message.TryGetProperty("is_echo", out var echo) && echo.ValueKind == JsonValueKind.True)
                {
                    // An echo is the Page speaking (our app, another app, or a human in Business Suite): the Page is
                    // its sender, so it is never a customer message (channels.md §0 rule 6).
                    if (IsOtherPage(entryPageId ?? senderId))
                    {
                        return;
                    }

                    ReadEcho(message, at);
                    return;
                }

                var pageId = entryPageId ?? recipientId;
                if (IsOtherPage(pageId))
                {
                    return;
                }

                ReadCustomerMessage(message, pageId, senderId, at);
                return;
            }

            if (Object(messagingEvent, "postback") is { ValueKind: JsonValueKind.Object } postback)
            {
                var pageId = entryPageId ?? recipientId;
                if (!IsOtherPage(pageId))
                {
                    ReadPostback(postback, pageId, senderId, at);
                }

                return;
            }

            if (Object(messagingEvent, "delivery") is { ValueKind: JsonValueKind.Object } delivery)
            {
                if (!IsOtherPage(entryPageId ?? recipientId))
                {
                    ReadDelivery(delivery, at);
                }

                return;
            }

            // read (a watermark only), reaction, referral, optin, message_edit, account_linking, handover events …
            logger.LogDebug("Facebook messaging event of kind {Kind} ignored (Page {PageId})", KindOf(messagingEvent), entryPageId);
        }

        private void ReadCustomerMessage(JsonElement message, string? pageId, string? psid, DateTimeOffset at)
        {
            var mid = String(message, "mid");
            if (pageId is null || psid is null || mid is null)
            {
                logger.LogWarning("Facebook message without Page id, sender.id or mid skipped (Page {PageId}, mid {Mid})", pageId, mid);
                return;
            }

            if (psid == pageId)
            {
                logger.LogDebug("Facebook message {Mid} sent by the Page itself ignored", mid);
                return;
            }

            // A tapped quick reply arrives as the button's title in text, with quick_reply.payload beside it.
            var text = String(message, "text") ?? "";
            var attachments = Attachments(message);
            if (text.Length == 0 && attachments.Count == 0)
            {
                logger.LogDebug("Facebook message {Mid} has neither text nor an attachment with a URL; ignored", mid);
                return;
            }

            Messages.Add(new InteractionReceived
            {
                InteractionId = Guid.CreateVersion7(),
                Channel = FacebookWebhook.Channel,
                ChannelAccount = pageId,
                ProviderMessageId = mid,
                CustomerAddress = psid,
                CustomerName = null,
                Text = text,
                ReceivedAt = at,
                Attachments = attachments,
            });
        }

        private void ReadPostback(JsonElement postback, string? pageId, string? psid, DateTimeOffset at)
        {
            if (pageId is null || psid is null)
            {
                logger.LogWarning("Facebook postback without Page id or sender.id skipped (Page {PageId})", pageId);
                return;
            }

            // Postbacks through "standby" reportedly lack payload, and older ones lack mid (channels.md §2.5): the
            // fallback key is stable across Meta's redeliveries of the same tap.
            var payload = String(postback, "payload") ?? "";
            var mid = String(postback, "mid") ?? FallbackPostbackId(psid, at, payload);
            Messages.Add(new InteractionReceived
            {
                InteractionId = Guid.CreateVersion7(),
                Channel = FacebookWebhook.Channel,
                ChannelAccount = pageId,
                ProviderMessageId = mid,
                CustomerAddress = psid,
                CustomerName = null,
                Text = String(postback, "title") ?? "",
                ReceivedAt = at,
            });
        }

        private void ReadEcho(JsonElement message, DateTimeOffset at)
        {
            var mid = String(message, "mid");
            if (mid is not null && ReplyMetadata.TryParse(String(message, "metadata"), out var replyId))
            {
                // The echo's mid is the message_id the Send API returned for that reply.
                logger.LogDebug("Facebook echo {Mid} of our reply {ReplyId}", mid, replyId);
                Statuses.Add(Status(mid, "sent", at));
                return;
            }

            logger.LogDebug("Facebook echo {Mid} not sent by CxInbox ignored", mid);
        }

        private void ReadDelivery(JsonElement delivery, DateTimeOffset at)
        {
            if (!delivery.TryGetProperty("mids", out var mids) || mids.ValueKind != JsonValueKind.Array)
            {
                // Only a watermark ("all sent before T"): turning it into message ids needs the store.
                logger.LogDebug("Facebook delivery receipt without mids ignored");
                return;
            }

            foreach (var mid in mids.EnumerateArray())
            {
                if (mid.ValueKind == JsonValueKind.String && mid.GetString() is { Length: > 0 } id)
                {
                    Statuses.Add(Status(id, "delivered", at));
                }
            }
        }

        private bool IsOtherPage(string? pageId)
        {
            // Secrets are per app, not per Page: the signature already proved this body came from our app. An entry for
            // a Page we were not configured for is authentic but not ours to route; refusing it would make Meta
            // redeliver the whole batch, our Page's events included, and unsubscribe the app after an hour.
            if (onlyPageId.Length == 0 || pageId is null || pageId == onlyPageId)
            {
                return false;
            }

            logger.LogWarning("Facebook event for Page {PageId} ignored: Channels:Facebook:PageId is {ConfiguredPageId}", pageId, onlyPageId);
            return true;
        }

        private static DeliveryStatusReported Status(string mid, string status, DateTimeOffset at) => new()
        {
            Channel = FacebookWebhook.Channel,
            ProviderMessageId = mid,
            Status = status,
            ReportedAt = at,
        };
    }

    private static List<AttachmentRef> Attachments(JsonElement message)
    {
        var attachments = new List<AttachmentRef>();
        if (!message.TryGetProperty("attachments", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return attachments;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            // A shared link ("fallback") carries its address beside the payload, spelled url or URL by API version.
            var url = String(Object(item, "payload"), "url") ?? String(item, "url") ?? String(item, "URL");
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            {
                continue;
            }

            attachments.Add(new AttachmentRef { Url = url, ContentType = ContentTypeOf(String(item, "type")) });
        }

        return attachments;
    }

    /// <summary>Messenger names a kind, not a MIME type; the exact type is only known once the file is fetched.</summary>
    public static string ContentTypeOf(string? attachmentType) => attachmentType switch
    {
        "image" or "sticker" => "image/*",
        "video" or "reel" or "ig_reel" => "video/*",
        "audio" => "audio/*",
        "fallback" => "text/uri-list",
        _ => "application/octet-stream",
    };

    private static string FallbackPostbackId(string psid, DateTimeOffset at, string payload)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{psid}\n{at.ToUnixTimeMilliseconds()}\n{payload}");
        return "postback:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static string KindOf(JsonElement messagingEvent)
    {
        foreach (var property in messagingEvent.EnumerateObject())
        {
            if (property.Name is not ("sender" or "recipient" or "timestamp"))
            {
                return property.Name;
            }
        }

        return "(none)";
    }

    private static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    private static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Ids are strings in Meta's payloads; a number is taken as its digits, in case one ever arrives so.</summary>
    private static string? Id(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() is { Length: > 0 } id ? id : null,
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>Messenger times (<c>timestamp</c>, <c>entry.time</c>) are Unix milliseconds (channels.md §2.4).</summary>
    private static DateTimeOffset? Milliseconds(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var ms) && ms is >= 0 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
