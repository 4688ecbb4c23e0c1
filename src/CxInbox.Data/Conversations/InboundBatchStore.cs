using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>
/// The batched router's set-based statements on conversations and messages, PostgreSQL only: each does for every
/// message of a batch, in one round trip, what <see cref="ConversationStore"/> does for one. The batch never holds two
/// messages of one customer address, so no statement meets the same thread twice.
/// </summary>
public sealed class InboundBatchStore
{
    // Per message: the conversation already holding it (a redelivery), the customer known by its address or linked by
    // its link key (the oldest link, as CustomerStore.ResolveAsync), and the latest conversation on its thread.
    private const string Lookup = """
        SELECT v.place,
               (SELECT m.conversation_id FROM messages m
                WHERE m.channel = v.channel AND m.channel_account = v.channel_account AND m.provider_message_id = v.provider_message_id) AS stored_in,
               (SELECT i.customer_id FROM customer_identities i WHERE i.channel = v.channel AND i.address = v.address) AS known_customer_id,
               (SELECT i.customer_id FROM customer_identities i WHERE i.link_key = v.link_key ORDER BY i.created_at, i.channel LIMIT 1) AS linked_customer_id,
               latest.id AS latest_id, latest.status AS latest_status, latest.resolved_at AS latest_resolved_at
        FROM unnest(@channels, @channelAccounts, @providerMessageIds, @addresses, @linkKeys)
             WITH ORDINALITY AS v(channel, channel_account, provider_message_id, address, link_key, place)
        LEFT JOIN LATERAL (SELECT c.id, c.status, c.resolved_at FROM conversations c
                           WHERE c.channel = v.channel AND c.channel_account = v.channel_account AND c.customer_address = v.address
                           ORDER BY c.created_at DESC
                           LIMIT 1) latest ON TRUE
        ORDER BY v.place
        """;

    // In thread order, so that two routers opening the same threads wait on each other rather than deadlock.
    private const string OpenConversations = """
        INSERT INTO conversations (id, customer_id, channel, channel_account, customer_address, status, priority, created_at, last_message_at)
        SELECT v.id, v.customer_id, v.channel, v.channel_account, v.customer_address, 'open', 0, @now, v.last_message_at
        FROM unnest(@ids, @customerIds, @channels, @channelAccounts, @addresses, @lastMessageAts)
             AS v(id, customer_id, channel, channel_account, customer_address, last_message_at)
        ORDER BY v.channel, v.channel_account, v.customer_address
        ON CONFLICT (channel, channel_account, customer_address) WHERE status <> 'resolved' DO NOTHING
        RETURNING id
        """;

    // The store's lock order: conversations by id. The state is read under the lock, so it is the latest committed.
    private const string LockWithState = """
        SELECT c.id AS conversation_id, c.status, c.assignee_id, c.journey_stage, c.complaint, c.sales_opportunity, c.language, c.tags_corrected
        FROM conversations c
        WHERE c.id = ANY(@ids)
        ORDER BY c.id
        FOR UPDATE
        """;

    // A statement of its own after the lock, so that it sees every message a router committed before we got the lock.
    private const string SelectNotNewest = """
        SELECT v.id FROM unnest(@ids, @sentAts) AS v(id, sent_at)
        WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'inbound' AND m.sent_at > v.sent_at)
        """;

    private const string InsertMessages = """
        INSERT INTO messages (id, conversation_id, channel, channel_account, provider_message_id, direction, text, sent_at, created_at,
                              journey_stage, complaint, complaint_confidence, sales_opportunity, sales_confidence, language, tag_evidence,
                              subject, full_text)
        SELECT v.id, v.conversation_id, v.channel, v.channel_account, v.provider_message_id, 'inbound', v.text, v.sent_at, @now,
               v.stage, v.complaint, v.complaint_confidence, v.sales_opportunity, v.sales_confidence, v.language, v.evidence,
               v.subject, v.full_text
        FROM unnest(@ids, @conversationIds, @channels, @channelAccounts, @providerMessageIds, @texts, @sentAts,
                    @stages, @complaints, @complaintConfidences, @salesOpportunities, @salesConfidences, @languages, @evidence,
                    @subjects, @fullTexts)
             AS v(id, conversation_id, channel, channel_account, provider_message_id, text, sent_at,
                  stage, complaint, complaint_confidence, sales_opportunity, sales_confidence, language, evidence,
                  subject, full_text)
        ON CONFLICT (channel, channel_account, provider_message_id) DO NOTHING
        RETURNING id
        """;

    private const string InsertAttachments = """
        INSERT INTO message_attachments (message_id, position, url, content_type, file_name, size_bytes)
        SELECT * FROM unnest(@messageIds, @positions, @urls, @contentTypes, @fileNames, @sizes)
        """;

    // ConversationStore.SaveCustomerMessageRouting for every conversation of the batch, with the last-message time
    // its message moves forward (never back: providers do not promise order).
    private const string SaveCustomerMessageRouting = """
        UPDATE conversations c
        SET journey_stage = v.stage, complaint = v.complaint, sales_opportunity = v.sales_opportunity, language = v.language,
            tags_corrected = v.corrected, team = v.team, priority = v.priority, routing_rule = v.rule, required_skill = v.skill,
            status = CASE WHEN c.status IN ('pending', 'snoozed') THEN 'open' ELSE c.status END,
            weight_hundredths = CASE WHEN c.assignee_id IS NULL THEN v.weight_hundredths ELSE c.weight_hundredths END,
            snoozed_until = CASE WHEN c.status IN ('pending', 'snoozed') THEN NULL ELSE c.snoozed_until END,
            response_due_at = COALESCE(c.response_due_at, v.response_due_at),
            last_message_at = GREATEST(c.last_message_at, v.sent_at)
        FROM unnest(@ids, @stages, @complaints, @salesOpportunities, @languages, @corrected, @teams, @priorities, @rules, @skills,
                    @weightHundredths, @responseDueAts, @sentAts)
             AS v(id, stage, complaint, sales_opportunity, language, corrected, team, priority, rule, skill,
                  weight_hundredths, response_due_at, sent_at)
        WHERE c.id = v.id
        """;

    private const string AssignUnassigned = """
        UPDATE conversations c
        SET assignee_id = v.agent_id, assigned_at = @now, assignment_reason = v.reason, queued_at = NULL, queued_reason = NULL
        FROM unnest(@ids, @agentIds, @reasons) AS v(id, agent_id, reason)
        WHERE c.id = v.id AND c.assignee_id IS NULL
        """;

    private const string SelectOutcomes = """
        SELECT c.id AS conversation_id, c.customer_id, c.channel, c.assignee_id, c.assigned_at, c.assignment_reason,
               c.queued_at, c.queued_reason, c.team, c.journey_stage, c.complaint, c.sales_opportunity, c.language, c.tags_corrected
        FROM conversations c
        WHERE c.id = ANY(@ids)
        """;

    public async Task<IReadOnlyList<InboundLookup>> LookupAsync(StoreTransaction tx, IReadOnlyList<IncomingMessage> messages, IReadOnlyList<string?> linkKeys,
        IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(messages);
        var rows = await tx.Connection.QueryAsync<LookupRow>(new CommandDefinition(Lookup, new
        {
            channels = messages.Select(m => m.Channel).ToArray(),
            channelAccounts = messages.Select(m => m.ChannelAccount).ToArray(),
            providerMessageIds = messages.Select(m => m.ProviderMessageId).ToArray(),
            addresses = addresses.ToArray(),
            linkKeys = linkKeys.ToArray(),
        }, tx.Transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new InboundLookup(r.StoredIn, r.KnownCustomerId, r.LinkedCustomerId,
            r.LatestId is { } id ? new LatestConversation(id, ConversationStatusNames.TryParse(r.LatestStatus ?? "", out var s) ? s : ConversationStatus.Open, r.LatestResolvedAt) : null))];
    }

    /// <summary>Opens the conversations; returns how many were opened (fewer: another router opened one of those
    /// threads first).</summary>
    public async Task<int> OpenAsync(StoreTransaction tx, IReadOnlyList<NewConversation> opened, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(opened);
        if (opened.Count == 0)
        {
            return 0;
        }

        var rows = await tx.Connection.QueryAsync<Guid>(new CommandDefinition(OpenConversations, new
        {
            ids = opened.Select(o => o.Id).ToArray(),
            customerIds = opened.Select(o => o.CustomerId).ToArray(),
            channels = opened.Select(o => o.Channel).ToArray(),
            channelAccounts = opened.Select(o => o.ChannelAccount).ToArray(),
            addresses = opened.Select(o => o.CustomerAddress).ToArray(),
            // As ConversationStore.OpenAsync: a late message must not move the conversation back in time.
            lastMessageAts = opened.Select(o => Utc(o.SentAt > now ? o.SentAt : now)).ToArray(),
            now = Utc(now),
        }, tx.Transaction, cancellationToken: cancellationToken));
        return rows.Count();
    }

    /// <summary>Locks the conversations in id order and returns their state as it is under the lock.</summary>
    public async Task<IReadOnlyList<LockedConversation>> LockAsync(StoreTransaction tx, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await tx.Connection.QueryAsync<LockedRow>(new CommandDefinition(LockWithState, new { ids = ids.ToArray() }, tx.Transaction,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new LockedConversation(r.ConversationId, ConversationStatusNames.TryParse(r.Status, out var s) ? s : ConversationStatus.Open,
            r.AssigneeId, r.JourneyStage is null ? null : new ConversationTags(r.JourneyStage, r.Complaint, r.SalesOpportunity, r.Language ?? "", r.TagsCorrected)))];
    }

    /// <summary>The conversations holding a customer message newer than the one each is paired with.</summary>
    public async Task<IReadOnlySet<Guid>> HavingNewerInboundAsync(StoreTransaction tx, IReadOnlyList<(Guid ConversationId, DateTimeOffset SentAt)> pairs,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var rows = await tx.Connection.QueryAsync<Guid>(new CommandDefinition(SelectNotNewest, new
        {
            ids = pairs.Select(p => p.ConversationId).ToArray(),
            sentAts = pairs.Select(p => Utc(p.SentAt)).ToArray(),
        }, tx.Transaction, cancellationToken: cancellationToken));
        return rows.ToHashSet();
    }

    /// <summary>Stores the customer messages (never automated ones, nor ones naming earlier messages: those take the
    /// per-message path) with their attachments; returns how many were new.</summary>
    public async Task<int> AddMessagesAsync(StoreTransaction tx, IReadOnlyList<(Guid MessageId, Guid ConversationId, IncomingMessage Message)> stored,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(stored);
        var messages = stored.Select(s => s.Message).ToList();
        var inserted = (await tx.Connection.QueryAsync<Guid>(new CommandDefinition(InsertMessages, new
        {
            ids = stored.Select(s => s.MessageId).ToArray(),
            conversationIds = stored.Select(s => s.ConversationId).ToArray(),
            channels = messages.Select(m => m.Channel).ToArray(),
            channelAccounts = messages.Select(m => m.ChannelAccount).ToArray(),
            providerMessageIds = messages.Select(m => m.ProviderMessageId).ToArray(),
            texts = messages.Select(m => m.Text).ToArray(),
            sentAts = messages.Select(m => Utc(m.SentAt)).ToArray(),
            stages = messages.Select(m => m.Tags?.Stage).ToArray(),
            complaints = messages.Select(m => m.Tags?.Complaint).ToArray(),
            complaintConfidences = messages.Select(m => m.Tags?.ComplaintConfidence).ToArray(),
            salesOpportunities = messages.Select(m => m.Tags?.SalesOpportunity).ToArray(),
            salesConfidences = messages.Select(m => m.Tags?.SalesConfidence).ToArray(),
            languages = messages.Select(m => m.Tags?.Language).ToArray(),
            evidence = messages.Select(m => m.EvidenceJson).ToArray(),
            subjects = messages.Select(m => m.Subject).ToArray(),
            fullTexts = messages.Select(m => m.FullText).ToArray(),
            now = Utc(now),
        }, tx.Transaction, cancellationToken: cancellationToken))).Count();

        var attachments = stored.SelectMany(s => s.Message.Attachments.Select((a, position) => (s.MessageId, Position: position, Attachment: a))).ToList();
        if (inserted == stored.Count && attachments.Count > 0)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertAttachments, new
            {
                messageIds = attachments.Select(a => a.MessageId).ToArray(),
                positions = attachments.Select(a => a.Position).ToArray(),
                urls = attachments.Select(a => a.Attachment.Url).ToArray(),
                contentTypes = attachments.Select(a => a.Attachment.ContentType).ToArray(),
                fileNames = attachments.Select(a => a.Attachment.FileName).ToArray(),
                sizes = attachments.Select(a => a.Attachment.Size).ToArray(),
            }, tx.Transaction, cancellationToken: cancellationToken));
        }

        return inserted;
    }

    /// <summary><see cref="ConversationStore.SaveCustomerMessageRoutingAsync"/> for each conversation, which also
    /// moves its last-message time forward to its message's.</summary>
    public async Task SaveCustomerMessageRoutingAsync(StoreTransaction tx, IReadOnlyList<CustomerMessageRouting> routings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(routings);
        await tx.Connection.ExecuteAsync(new CommandDefinition(SaveCustomerMessageRouting, new
        {
            ids = routings.Select(r => r.ConversationId).ToArray(),
            stages = routings.Select(r => r.Tags.Stage).ToArray(),
            complaints = routings.Select(r => r.Tags.Complaint).ToArray(),
            salesOpportunities = routings.Select(r => r.Tags.SalesOpportunity).ToArray(),
            languages = routings.Select(r => r.Tags.Language).ToArray(),
            corrected = routings.Select(r => r.Tags.CorrectedByAgent).ToArray(),
            teams = routings.Select(r => r.Target.Team).ToArray(),
            priorities = routings.Select(r => r.Target.Priority).ToArray(),
            rules = routings.Select(r => r.Target.Rule).ToArray(),
            skills = routings.Select(r => r.Target.Skill).ToArray(),
            weightHundredths = routings.Select(r => AgentLoadSql.ToHundredths(r.Weight)).ToArray(),
            responseDueAts = routings.Select(r => Utc(r.ResponseDueAt)).ToArray(),
            sentAts = routings.Select(r => Utc(r.SentAt)).ToArray(),
        }, tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Gives each conversation to its agent unless someone else already has it; returns how many were given.</summary>
    public async Task<int> AssignAsync(StoreTransaction tx, IReadOnlyList<(Guid ConversationId, Guid AgentId, string Reason)> assignments, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count == 0)
        {
            return 0;
        }

        return await tx.Connection.ExecuteAsync(new CommandDefinition(AssignUnassigned, new
        {
            ids = assignments.Select(a => a.ConversationId).ToArray(),
            agentIds = assignments.Select(a => a.AgentId).ToArray(),
            reasons = assignments.Select(a => a.Reason).ToArray(),
            now = Utc(now),
        }, tx.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<Guid, RoutingOutcome>> OutcomesAsync(StoreTransaction tx, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(ids);
        var rows = await tx.Connection.QueryAsync<RoutingOutcome>(new CommandDefinition(SelectOutcomes, new { ids = ids.Distinct().ToArray() }, tx.Transaction,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ConversationId);
    }

    // Npgsql writes only UTC times to timestamptz; a single time goes through Dapper's handler, an array does not.
    private static DateTimeOffset Utc(DateTimeOffset time) => time.ToUniversalTime();

    private sealed class LookupRow
    {
        public long Place { get; init; }
        public Guid? StoredIn { get; init; }
        public Guid? KnownCustomerId { get; init; }
        public Guid? LinkedCustomerId { get; init; }
        public Guid? LatestId { get; init; }
        public string? LatestStatus { get; init; }
        public DateTimeOffset? LatestResolvedAt { get; init; }
    }

    private sealed class LockedRow
    {
        public Guid ConversationId { get; init; }
        public string Status { get; init; } = "";
        public Guid? AssigneeId { get; init; }
        public string? JourneyStage { get; init; }
        public bool Complaint { get; init; }
        public bool SalesOpportunity { get; init; }
        public string? Language { get; init; }
        public bool TagsCorrected { get; init; }
    }
}

/// <summary>What the store knows of a message's sender and thread before the batch writes anything.</summary>
/// <param name="StoredIn">The conversation already holding this provider message: a redelivery.</param>
public sealed record InboundLookup(Guid? StoredIn, Guid? KnownCustomerId, Guid? LinkedCustomerId, LatestConversation? Latest);

public sealed record NewConversation(Guid Id, Guid CustomerId, string Channel, string ChannelAccount, string CustomerAddress, DateTimeOffset SentAt);

public sealed record LockedConversation(Guid Id, ConversationStatus Status, Guid? AssigneeId, ConversationTags? Tags);

public sealed record CustomerMessageRouting(Guid ConversationId, ConversationTags Tags, RoutingTarget Target, DateTimeOffset ResponseDueAt, decimal Weight,
    DateTimeOffset SentAt);
