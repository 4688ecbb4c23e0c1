using System.Text.Json;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;
using Microsoft.Extensions.Logging;

namespace CxInbox.Channels.X.Inbound;

/// <summary>
/// Turns an authentic X webhook body into customer messages. Two envelopes arrive at the same URL with the same
/// security: the Account Activity API's (AAA, <c>for_user_id</c> + event arrays, ends 1 Jan 2027) and the X Activity
/// API's (XAA, <c>data.event_type</c> + <c>payload</c>), channels.md §3.4–3.5. Unknown event kinds and fields are
/// normal: they are skipped, and one odd event never fails the others.
/// </summary>
internal sealed class XEventReader(string configuredAccountId, TimeProvider clock, ILogger logger)
{
    private readonly List<InteractionReceived> messages = [];

    public WebhookOutcome Read(JsonElement root)
    {
        var data = XJson.Object(root, "data");
        var error = XJson.String(data, "event_type") is { } eventType
            ? ReadActivity(data, eventType)
            : ReadAccountActivity(root);
        return error is null
            ? new WebhookOutcome.Accepted(messages, WebhookResponse.Empty)
            : new WebhookOutcome.Rejected(400, error);
    }

    /// <summary>AAA: <c>{"for_user_id": …, "direct_message_events": […], "users": {…}}</c> and friends.</summary>
    private string? ReadAccountActivity(JsonElement root)
    {
        var forUser = XJson.Id(root, "for_user_id");
        if (forUser is null)
        {
            if (XJson.Has(root, "direct_message_events") || XJson.Has(root, "tweet_create_events"))
            {
                return "for_user_id is missing or not a numeric id: the events cannot be attributed to an account.";
            }

            forUser = "";
        }
        else if (!IsOurAccount(forUser))
        {
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "for_user_id" or "users" or "apps" or "user_has_blocked" or "is_blocked_by":
                    break;
                case "direct_message_events":
                    ReadDirectMessages(property.Value, XJson.Object(root, "users"), forUser);
                    break;
                case "tweet_create_events":
                    ReadLegacyPosts(property.Value, forUser);
                    break;
                case "user_event":
                    // Authorisation revoked: X deletes the subscription, so nothing more arrives until it is renewed.
                    logger.LogError(
                        "X reports that account {AccountId} revoked the app's access: its webhook subscription is gone and no more events will arrive. Re-authorise the account and subscribe it again (docs/channels-x.md)",
                        forUser);
                    break;
                case "replay_job_status":
                    var job = property.Value;
                    logger.Log(
                        string.Equals(XJson.String(job, "job_state"), "Complete", StringComparison.OrdinalIgnoreCase) ? LogLevel.Information : LogLevel.Warning,
                        "X replay job {JobId} finished: {JobState} ({Description})",
                        XJson.String(job, "job_id"), XJson.String(job, "job_state"), XJson.String(job, "job_state_description"));
                    break;
                default:
                    logger.LogDebug("Ignored X webhook field {Field}", property.Name);
                    break;
            }
        }

        return null;
    }

    /// <summary>XAA: <c>{"data": {"event_type": …, "filter": {"user_id": …}, "payload": {…}, "includes": {…}}}</c>.</summary>
    private string? ReadActivity(JsonElement data, string eventType)
    {
        var isDm = string.Equals(eventType, "dm.received", StringComparison.OrdinalIgnoreCase);
        var isPost = string.Equals(eventType, "post.mention.create", StringComparison.OrdinalIgnoreCase)
            || string.Equals(eventType, "post.reply.create", StringComparison.OrdinalIgnoreCase);
        if (!isDm && !isPost)
        {
            // dm.sent is our own echo; the rest (follows, likes, chat.received with encrypted content, …) are not
            // customer messages we can read.
            logger.LogDebug("Ignored X activity event {EventType}", eventType);
            return null;
        }

        var forUser = XJson.Id(XJson.Object(data, "filter"), "user_id");
        if (forUser is null)
        {
            return "data.filter.user_id is missing or not a numeric id: the event cannot be attributed to an account.";
        }

        if (!IsOurAccount(forUser))
        {
            return null;
        }

        var payload = XJson.Object(data, "payload");
        if (isDm)
        {
            // dm.received carries the AAA direct_message_events and users shapes (channels.md §3.5).
            ReadDirectMessages(XJson.Property(payload, "direct_message_events"), XJson.Object(payload, "users"), forUser);
        }
        else
        {
            ReadV2Post(payload, XJson.Object(data, "includes"), forUser);
        }

        return null;
    }

    private void ReadDirectMessages(JsonElement events, JsonElement users, string forUser)
    {
        if (events.ValueKind != JsonValueKind.Array)
        {
            logger.LogWarning("X direct_message_events is not an array; skipped");
            return;
        }

        foreach (var item in events.EnumerateArray())
        {
            var type = XJson.String(item, "type");
            if (!string.Equals(type, "message_create", StringComparison.Ordinal))
            {
                logger.LogDebug("Ignored X direct message event of type {Type}", type);
                continue;
            }

            var create = XJson.Object(item, "message_create");
            var id = XJson.Id(item, "id");
            var sender = XJson.Id(create, "sender_id");
            if (id is null || sender is null)
            {
                logger.LogWarning("X direct message event {EventId} has no id or sender_id; skipped", id);
                continue;
            }

            if (sender == forUser)
            {
                // Our own DMs (sent by this adapter or by staff in the X app) come back as events: echoes, not customers.
                logger.LogDebug("Ignored X direct message {EventId}: sent by the brand account", id);
                continue;
            }

            var messageData = XJson.Object(create, "message_data");
            var text = XJson.String(messageData, "text") ?? "";
            var attachment = XJson.Object(messageData, "attachment");
            var media = string.Equals(XJson.String(attachment, "type"), "media", StringComparison.Ordinal)
                ? [XJson.Object(attachment, "media")]
                : Array.Empty<JsonElement>();
            var (visibleText, attachments) = XMedia.Read(text, media);
            messages.Add(new InteractionReceived
            {
                InteractionId = Guid.CreateVersion7(clock.GetUtcNow()),
                Channel = XChannels.DirectMessages,
                ChannelAccount = forUser,
                ProviderMessageId = id,
                CustomerAddress = sender,
                CustomerName = XJson.String(XJson.Object(users, sender), "name"),
                Text = visibleText,
                ReceivedAt = XJson.UnixMilliseconds(item, "created_timestamp") ?? clock.GetUtcNow(),
                Attachments = attachments,
            });
        }
    }

    private void ReadLegacyPosts(JsonElement events, string forUser)
    {
        if (events.ValueKind != JsonValueKind.Array)
        {
            logger.LogWarning("X tweet_create_events is not an array; skipped");
            return;
        }

        foreach (var post in events.EnumerateArray())
        {
            var id = XJson.Id(post, "id_str") ?? XJson.Id(post, "id");
            var user = XJson.Object(post, "user");
            var author = XJson.Id(user, "id_str") ?? XJson.Id(user, "id");
            if (id is null || author is null)
            {
                logger.LogWarning("X post event {PostId} has no id_str or user.id_str; skipped", id);
                continue;
            }

            // tweet_create_events also carries the brand's own posts (our replies echo back), retweets, and posts
            // that neither mention nor answer us: only the last two kinds of customer post belong in the inbox.
            if (author == forUser)
            {
                logger.LogDebug("Ignored X post {PostId}: posted by the brand account", id);
                continue;
            }

            if (XJson.Has(post, "retweeted_status"))
            {
                logger.LogDebug("Ignored X post {PostId}: a retweet", id);
                continue;
            }

            if (!AddressesAccount(post, forUser))
            {
                logger.LogDebug("Ignored X post {PostId}: neither mentions nor replies to the brand account", id);
                continue;
            }

            // Long posts are truncated in text; the whole post is in extended_tweet (channels.md §3.4).
            var extended = XJson.Object(post, "extended_tweet");
            var text = XJson.String(extended, "full_text") ?? XJson.String(post, "text") ?? "";
            var entities = XJson.Has(extended, "extended_entities") ? XJson.Object(extended, "extended_entities") : XJson.Object(post, "extended_entities");
            var (visibleText, attachments) = XMedia.Read(text, XJson.Array(entities, "media"));
            messages.Add(new InteractionReceived
            {
                InteractionId = Guid.CreateVersion7(clock.GetUtcNow()),
                Channel = XChannels.Posts,
                ChannelAccount = forUser,
                ProviderMessageId = id,
                CustomerAddress = author,
                CustomerName = XJson.String(user, "name"),
                Text = visibleText,
                ReceivedAt = XJson.UnixMilliseconds(post, "timestamp_ms") ?? XJson.LegacyDate(post, "created_at") ?? clock.GetUtcNow(),
                Attachments = attachments,
            });
        }
    }

    private void ReadV2Post(JsonElement payload, JsonElement includes, string forUser)
    {
        var post = XJson.Has(XJson.Object(payload, "data"), "id") ? XJson.Object(payload, "data") : payload;
        var id = XJson.Id(post, "id");
        var author = XJson.Id(post, "author_id");
        if (id is null || author is null)
        {
            logger.LogWarning("X activity post {PostId} has no id or author_id; skipped", id);
            return;
        }

        if (author == forUser)
        {
            logger.LogDebug("Ignored X post {PostId}: posted by the brand account", id);
            return;
        }

        var users = XJson.Has(includes, "users") ? includes : XJson.Object(payload, "includes");
        var authorUser = XJson.Array(users, "users").FirstOrDefault(u => XJson.Id(u, "id") == author);
        messages.Add(new InteractionReceived
        {
            InteractionId = Guid.CreateVersion7(clock.GetUtcNow()),
            Channel = XChannels.Posts,
            ChannelAccount = forUser,
            ProviderMessageId = id,
            CustomerAddress = author,
            CustomerName = XJson.String(authorUser, "name"),
            // v2 keeps the whole text of a long post in note_tweet.
            Text = XJson.String(XJson.Object(post, "note_tweet"), "text") ?? XJson.String(post, "text") ?? "",
            ReceivedAt = XJson.IsoDate(post, "created_at") ?? clock.GetUtcNow(),
        });
    }

    private bool IsOurAccount(string forUser)
    {
        if (configuredAccountId.Length == 0 || forUser == configuredAccountId)
        {
            return true;
        }

        // One X app (one consumer secret) may have several subscribed accounts sharing this webhook: another
        // account's events are authentic, just not ours to answer.
        logger.LogInformation("Ignored X events for account {ForUserId}: this deployment answers for account {AccountId}",
            forUser, configuredAccountId);
        return false;
    }

    private static bool AddressesAccount(JsonElement post, string accountId)
    {
        if (XJson.Id(post, "in_reply_to_user_id_str") == accountId)
        {
            return true;
        }

        var mentions = XJson.Array(XJson.Object(post, "entities"), "user_mentions")
            .Concat(XJson.Array(XJson.Object(XJson.Object(post, "extended_tweet"), "entities"), "user_mentions"));
        return mentions.Any(m => (XJson.Id(m, "id_str") ?? XJson.Id(m, "id")) == accountId);
    }
}
