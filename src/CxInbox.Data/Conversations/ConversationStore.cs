using System.Text.Json;
using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Rebalancing;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>Every SQL statement that touches <c>conversations</c>, <c>messages</c> and <c>message_attachments</c>.</summary>
public sealed class ConversationStore(Database database)
{
    // Also the batched router's (InboundBatchStore): one definition of what an outcome is.
    internal const string SelectOutcomeColumns = """
        SELECT c.id AS conversation_id, c.customer_id, c.channel, c.assignee_id, c.assigned_at, c.assignment_reason,
               c.queued_at, c.queued_reason, c.team, c.journey_stage, c.complaint, c.sales_opportunity, c.language, c.tags_corrected
        FROM conversations c
        """;

    private const string SelectOutcomeByMessage = SelectOutcomeColumns + """

        JOIN messages m ON m.conversation_id = c.id
        WHERE m.channel = @channel AND m.channel_account = @channelAccount AND m.provider_message_id = @providerMessageId
        """;

    private const string SelectOutcomeById = SelectOutcomeColumns + "\nWHERE c.id = @id";

    private const string SelectLatestOnThread = """
        SELECT id, status, resolved_at FROM conversations
        WHERE channel = @channel AND channel_account = @channelAccount AND customer_address = @customerAddress
        ORDER BY created_at DESC
        LIMIT 1
        """;

    private const string InsertConversation = """
        INSERT INTO conversations (id, customer_id, channel, channel_account, customer_address, status, priority, created_at, last_message_at)
        VALUES (@id, @customerId, @channel, @channelAccount, @customerAddress, 'open', 0, @now, @lastMessageAt)
        ON CONFLICT (channel, channel_account, customer_address) WHERE status <> 'resolved' DO NOTHING
        RETURNING id
        """;

    private const string SelectUnresolvedOnThread = """
        SELECT id FROM conversations
        WHERE channel = @channel AND channel_account = @channelAccount AND customer_address = @customerAddress AND status <> 'resolved'
        """;

    private const string InsertMessage = """
        INSERT INTO messages (id, conversation_id, channel, channel_account, provider_message_id, direction, text, sent_at, created_at,
                              journey_stage, complaint, complaint_confidence, sales_opportunity, sales_confidence, language, tag_evidence,
                              subject, in_reply_to, thread_references, full_text, automated)
        VALUES (@id, @conversationId, @channel, @channelAccount, @providerMessageId, @direction, @text, @sentAt, @now,
                @journeyStage, @complaint, @complaintConfidence, @salesOpportunity, @salesConfidence, @language, @tagEvidence,
                @subject, @inReplyTo, @threadReferences, @fullText, @automated)
        ON CONFLICT (channel, channel_account, provider_message_id) DO NOTHING
        """;

    private const string InsertAttachment = """
        INSERT INTO message_attachments (message_id, position, url, content_type, file_name, size_bytes)
        VALUES (@messageId, @position, @url, @contentType, @fileName, @size)
        """;

    // A reply names earlier messages by their provider ids (e-mail In-Reply-To/References); ours are stored too, once
    // the provider accepted them. The customer scope is optional: a bounce comes from the mail server, not the customer.
    private const string SelectByReferencedMessage = """
        SELECT c.id, c.status, c.resolved_at FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.channel = @channel AND m.channel_account = @channelAccount AND m.provider_message_id = @providerMessageId
          AND (@customerAddress IS NULL OR c.customer_address = @customerAddress)
        ORDER BY c.created_at DESC
        LIMIT 1
        """;

    // The token is the end of the conversation id (the e-mail subject tag [#CX-1a2b3c4d]).
    private const string SelectByToken = """
        SELECT id, status, resolved_at FROM conversations
        WHERE channel = @channel AND channel_account = @channelAccount AND customer_address = @customerAddress
          AND LOWER(CAST(id AS TEXT)) LIKE '%' || @token
        ORDER BY created_at DESC
        LIMIT 1
        """;

    // Providers do not promise order: a late message must not move the conversation back in time.
    private const string TouchLastMessage = """
        UPDATE conversations
        SET last_message_at = CASE WHEN last_message_at < @sentAt THEN @sentAt ELSE last_message_at END
        WHERE id = @id
        """;

    private const string Assign = """
        UPDATE conversations
        SET assignee_id = @agentId, assigned_at = @now, assignment_reason = @reason, queued_at = NULL, queued_reason = NULL
        WHERE id = @id AND assignee_id IS NULL
        """;

    private const string Queue = """
        UPDATE conversations
        SET queued_at = COALESCE(queued_at, @now), queued_reason = @reason
        WHERE id = @id AND assignee_id IS NULL
        """;

    // Resolving frees the agent's slot in the same transaction; the complaint flag ends with the conversation.
    private const string Resolve = """
        UPDATE conversations
        SET status = 'resolved', resolved_at = @now, complaint = FALSE, queued_at = NULL, queued_reason = NULL,
            response_due_at = NULL, sla_breached_at = NULL
        WHERE id = @id AND status <> 'resolved'
        RETURNING assignee_id, weight_hundredths
        """;

    // A reopened conversation is routed afresh: its previous agent's slot was released when it was resolved.
    private const string Reopen = """
        UPDATE conversations
        SET status = 'open', resolved_at = NULL, assignee_id = NULL, assigned_at = NULL, assignment_reason = NULL
        WHERE id = @id AND status = 'resolved'
        """;

    private const string UnassignAgent = """
        UPDATE conversations
        SET assignee_id = NULL, assigned_at = NULL, assignment_reason = NULL, queued_at = @now, queued_reason = @reason
        WHERE assignee_id = @agentId AND status <> 'resolved'
        RETURNING id, weight_hundredths
        """;

    // Taking the conversation's row lock first makes competing routers handle its messages one at a time, so the
    // count below sees every message a router committed before us.
    private const string LockConversation = "UPDATE conversations SET last_message_at = last_message_at WHERE id = @id";

    private const string CountNewerInbound = """
        SELECT COUNT(*) FROM messages WHERE conversation_id = @id AND direction = 'inbound' AND sent_at > @sentAt
        """;

    // From the assignment history, so that the conversation itself counts too: a reopen clears its assignee.
    // Pending (waiting on the customer) and snoozed conversations keep their agent; they only leave the working view.
    private const string SetWaitingStatus = """
        UPDATE conversations SET status = @status, snoozed_until = @until
        WHERE id = @id AND status <> 'resolved'
        """;

    private const string WakeDue = """
        UPDATE conversations SET status = 'open', snoozed_until = NULL WHERE status = 'snoozed' AND snoozed_until <= @now
        RETURNING id AS conversation_id, assignee_id AS agent_id
        """;

    // Open, with the customer waiting, and nothing sent on it since its agent got it.
    private const string SelectUnansweredSinceAssigned = """
        SELECT c.id, c.assignee_id AS agent_id, c.assigned_at, c.team, c.language, c.channel, c.weight_hundredths, c.required_skill
        FROM conversations c
        WHERE c.status = 'open' AND c.assignee_id IS NOT NULL AND c.response_due_at IS NOT NULL AND c.assigned_at <= @cutoff
          AND NOT EXISTS (SELECT 1 FROM messages m
                          WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.sent_at >= c.assigned_at)
        ORDER BY c.assigned_at
        LIMIT @limit
        """;

    // Once per holding: a conversation that changed hands since its last escalation may escalate again.
    private const string MarkEscalated = """
        UPDATE conversations SET escalated_at = @now, escalated_to = @leadAgentId
        WHERE id = @id AND assignee_id = @agentId AND status = 'open' AND (escalated_at IS NULL OR escalated_at < assigned_at)
        """;

    private const string SelectPreviousAgent = """
        SELECT ca.agent_id FROM conversation_assignments ca
        JOIN conversations c ON c.id = ca.conversation_id
        WHERE c.customer_id = (SELECT customer_id FROM conversations WHERE id = @id)
          AND ca.agent_id IS NOT NULL AND ca.occurred_at >= @since
        ORDER BY ca.occurred_at DESC, ca.id DESC
        LIMIT 1
        """;

    private const string SaveRouting = """
        UPDATE conversations
        SET journey_stage = @stage, complaint = @complaint, sales_opportunity = @salesOpportunity, language = @language,
            tags_corrected = @corrected, team = @team, priority = @priority, routing_rule = @rule, required_skill = @skill
        WHERE id = @id
        """;

    // One statement for everything a customer message changes on its conversation: the tags and where they send it;
    // a pending or snoozed conversation is open again; one without an agent weighs what its channel weighs now (a held
    // one keeps the weight its agent's load counts, see AgentLoadSql); the first-response clock starts unless it already runs (the
    // customer has been waiting since their first unanswered message).
    private const string SaveCustomerMessageRouting = """
        UPDATE conversations
        SET journey_stage = @stage, complaint = @complaint, sales_opportunity = @salesOpportunity, language = @language,
            tags_corrected = @corrected, team = @team, priority = @priority, routing_rule = @rule, required_skill = @skill,
            status = CASE WHEN status IN ('pending', 'snoozed') THEN 'open' ELSE status END,
            weight_hundredths = CASE WHEN assignee_id IS NULL THEN @weightHundredths ELSE weight_hundredths END,
            snoozed_until = CASE WHEN status IN ('pending', 'snoozed') THEN NULL ELSE snoozed_until END,
            response_due_at = COALESCE(response_due_at, @responseDueAt)
        WHERE id = @id
        """;

    /// <summary>Bounds every read of the queue's head: a drain never hands out more than the room there is, and a new
    /// drain follows every freed slot; a router counts those ahead of a conversation among that head.</summary>
    public const int MaxWaitingPerKind = 200;

    // The head of each kind of waiting conversation (team, language, channel, skill: what decides who may take it), so that
    // a long queue of one kind that nobody can take does not hide the others. Read only while some online agent has
    // room: nobody can be given a waiting conversation otherwise, and the router reads this with every batch, whatever
    // the queue's length.
    internal const string SelectWaiting = """
        SELECT id, team, language, channel, weight_hundredths, required_skill, priority, created_at FROM (
            SELECT id, team, language, channel, weight_hundredths, required_skill, priority, created_at,
                   ROW_NUMBER() OVER (PARTITION BY team, language, channel, required_skill ORDER BY priority DESC, created_at, id) AS place
            FROM conversations
            WHERE assignee_id IS NULL AND status <> 'resolved'
              AND EXISTS (SELECT 1 FROM agents WHERE presence = 'online' AND load_hundredths < capacity * 100)) waiting
        WHERE place <= @perKind
        ORDER BY priority DESC, created_at, id
        """;

    private const string SummaryColumns = """
        SELECT c.id, c.channel, c.channel_account, c.status, c.priority, c.customer_id, cu.display_name AS customer_name,
               c.customer_address, c.assignee_id, a.name AS assignee_name, c.assigned_at, c.assignment_reason,
               c.queued_reason,
               (SELECT m.text FROM messages m WHERE m.conversation_id = c.id ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS last_message_text,
               c.created_at, c.last_message_at, c.journey_stage, c.complaint, c.sales_opportunity, c.language, c.tags_corrected,
               c.team, c.routing_rule, c.response_due_at, c.sla_breached_at, c.snoozed_until,
               (SELECT m.tag_evidence FROM messages m
                WHERE m.conversation_id = c.id AND m.tag_evidence IS NOT NULL ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS tag_evidence
        FROM conversations c
        JOIN customers cu ON cu.id = c.customer_id
        LEFT JOIN agents a ON a.id = c.assignee_id

        """;

    private const string SelectSummaryById = SummaryColumns + "WHERE c.id = @id";

    // PostgreSQL cannot infer the type of a parameter that is null and only compared with IS NULL: the casts say
    // it. SQLite has no uuid type to cast to, hence the two variants.
    private const string FilterPostgres = """
        WHERE (@status IS NULL OR c.status = @status)
          AND (CAST(@assigneeId AS uuid) IS NULL OR c.assignee_id = CAST(@assigneeId AS uuid))
          AND (@channel IS NULL OR c.channel = @channel)
          AND (@unassignedOnly = 0 OR c.assignee_id IS NULL)
        """ + VisiblePostgres;

    private const string FilterSqlite = """
        WHERE (@status IS NULL OR c.status = @status)
          AND (@assigneeId IS NULL OR c.assignee_id = @assigneeId)
          AND (@channel IS NULL OR c.channel = @channel)
          AND (@unassignedOnly = 0 OR c.assignee_id IS NULL)
        """ + VisibleSqlite;

    // ConversationVisibility as SQL, for lists and single conversations alike. An agent's teams are read here, as
    // routing reads them; a supervisor's come with the request (@viewerTeams: an array, or JSON on SQLite).
    private const string VisiblePostgres = """

          AND (@seeAll = 1
               OR c.assignee_id = CAST(@viewerAgentId AS uuid)
               OR (CAST(@viewerAgentId AS uuid) IS NOT NULL AND c.assignee_id IS NULL AND c.status <> 'resolved'
                   AND (c.team IS NULL
                        OR NOT EXISTS (SELECT 1 FROM agent_teams vt WHERE vt.agent_id = CAST(@viewerAgentId AS uuid))
                        OR EXISTS (SELECT 1 FROM agent_teams vt WHERE vt.agent_id = CAST(@viewerAgentId AS uuid) AND vt.team = c.team)))
               OR c.team = ANY(@viewerTeams)
               OR EXISTS (SELECT 1 FROM agent_teams vt WHERE vt.agent_id = c.assignee_id AND vt.team = ANY(@viewerTeams)))

        """;

    private const string VisibleSqlite = """

          AND (@seeAll = 1
               OR c.assignee_id = @viewerAgentId
               OR (@viewerAgentId IS NOT NULL AND c.assignee_id IS NULL AND c.status <> 'resolved'
                   AND (c.team IS NULL
                        OR NOT EXISTS (SELECT 1 FROM agent_teams vt WHERE vt.agent_id = @viewerAgentId)
                        OR EXISTS (SELECT 1 FROM agent_teams vt WHERE vt.agent_id = @viewerAgentId AND vt.team = c.team)))
               OR c.team IN (SELECT value FROM json_each(@viewerTeams))
               OR EXISTS (SELECT 1 FROM agent_teams vt WHERE vt.agent_id = c.assignee_id AND vt.team IN (SELECT value FROM json_each(@viewerTeams))))

        """;

    private const string CountVisiblePostgres = "SELECT COUNT(*) FROM conversations c\nWHERE c.id = @id\n" + VisiblePostgres;

    private const string CountVisibleSqlite = "SELECT COUNT(*) FROM conversations c\nWHERE c.id = @id\n" + VisibleSqlite;

    private const string CountVisibleOfCustomerPostgres = "SELECT COUNT(*) FROM conversations c\nWHERE c.customer_id = @customerId\n" + VisiblePostgres;

    private const string CountVisibleOfCustomerSqlite = "SELECT COUNT(*) FROM conversations c\nWHERE c.customer_id = @customerId\n" + VisibleSqlite;

    private const string CountById = "SELECT COUNT(*) FROM conversations WHERE id = @id";

    private const string PageOrder = """
        ORDER BY c.last_message_at DESC, c.id DESC
        LIMIT @limit OFFSET @offset
        """;

    private const string ListPostgres = SummaryColumns + FilterPostgres + PageOrder;

    private const string ListSqlite = SummaryColumns + FilterSqlite + PageOrder;

    private const string CountPostgres = "SELECT COUNT(*) FROM conversations c\n" + FilterPostgres;

    private const string CountSqlite = "SELECT COUNT(*) FROM conversations c\n" + FilterSqlite;

    private const string SelectMessages = """
        SELECT id, channel, direction, provider_message_id, text, sent_at, delivery_status, delivery_error_code, delivery_error,
               journey_stage, complaint, complaint_confidence, sales_opportunity, sales_confidence, language, tag_evidence,
               subject, full_text, automated
        FROM messages WHERE conversation_id = @id
        ORDER BY sent_at, created_at, id
        """;

    private const string SelectAttachments = """
        SELECT ma.message_id, ma.url, ma.content_type, ma.file_name, ma.size_bytes
        FROM message_attachments ma JOIN messages m ON m.id = ma.message_id
        WHERE m.conversation_id = @id
        ORDER BY ma.message_id, ma.position
        """;

    // One statement, so no snapshot transaction is needed; the subquery's order is the conversation's message order.
    private const string SelectHeadlineColumns = """
        SELECT c.id, c.status, c.priority, c.assignee_id, c.team, cu.display_name AS customer_name,
               m.id AS latest_inbound_id, m.channel AS latest_inbound_channel, m.text AS latest_inbound_text
        FROM conversations c
        JOIN customers cu ON cu.id = c.customer_id
        LEFT JOIN messages m ON m.id = (SELECT i.id FROM messages i WHERE i.conversation_id = c.id AND i.direction = 'inbound'
                                        ORDER BY i.sent_at DESC, i.created_at DESC, i.id DESC LIMIT 1)
        """;

    private const string SelectHeadlinesPostgres = SelectHeadlineColumns + "\nWHERE c.id = ANY(@ids)";

    // @ids: an array, or on SQLite a JSON array of ids as the store writes them.
    private const string SelectHeadlinesSqlite = SelectHeadlineColumns + "\nWHERE c.id IN (SELECT value FROM json_each(@ids))";

    private const string SelectPlacement = "SELECT id, status, assignee_id, team FROM conversations WHERE id = @id";

    // The WHERE re-checks the holder the caller read: a concurrent resolve, requeue or move makes the update miss,
    // and the caller reports the conflict instead of overwriting it.
    private const string MoveFromAgent = """
        UPDATE conversations
        SET assignee_id = @toAgentId, assigned_at = @now, assignment_reason = @reason, queued_at = NULL, queued_reason = NULL
        WHERE id = @id AND assignee_id = @fromAgentId AND status <> 'resolved'
        """;

    private const string ReturningWeight = "\nRETURNING weight_hundredths";

    // A rebalance must not take a conversation from an agent who is answering it: re-checked here, at the move.
    private const string MoveFromAgentUnlessAnswered = MoveFromAgent + """

          AND NOT EXISTS (SELECT 1 FROM messages m
                          WHERE m.conversation_id = conversations.id AND m.direction = 'outbound' AND m.sent_at >= @answeredSince)
        """;

    private const string MoveFromQueue = """
        UPDATE conversations
        SET assignee_id = @toAgentId, assigned_at = @now, assignment_reason = @reason, queued_at = NULL, queued_reason = NULL
        WHERE id = @id AND assignee_id IS NULL AND status <> 'resolved'
        """;

    private const string RequeueFromAgent = """
        UPDATE conversations
        SET team = @team, assignee_id = NULL, assigned_at = NULL, assignment_reason = NULL, queued_at = @now, queued_reason = @reason
        WHERE id = @id AND assignee_id = @fromAgentId AND status <> 'resolved'
        """;

    private const string RequeueFromQueue = """
        UPDATE conversations
        SET team = @team, queued_at = @now, queued_reason = @reason
        WHERE id = @id AND assignee_id IS NULL AND status <> 'resolved'
        """;

    private const string LockConversationsPostgres = "SELECT id FROM conversations WHERE id = ANY(@ids) ORDER BY id FOR UPDATE";

    // Lock order (see LockAsync): a waiting conversation's row before any agent's; PostgreSQL re-reads the WHERE
    // once the lock is granted, so a conversation assigned meanwhile is no longer waiting.
    private const string LockWaitingPostgres = """
        SELECT id FROM conversations WHERE id = @id AND assignee_id IS NULL AND status <> 'resolved' FOR UPDATE
        """;

    private const string SelectWaitingOne = "SELECT id FROM conversations WHERE id = @id AND assignee_id IS NULL AND status <> 'resolved'";

    private const string LockHeldByAgentPostgres = """
        SELECT id FROM conversations WHERE assignee_id = @agentId AND status <> 'resolved' ORDER BY id FOR UPDATE
        """;

    private const string SelectHeld = """
        SELECT c.id, c.assignee_id AS agent_id, c.team, c.language, c.channel, c.weight_hundredths, c.required_skill,
               (SELECT MAX(m.sent_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound') AS last_agent_reply_at
        FROM conversations c
        WHERE c.assignee_id IS NOT NULL AND c.status <> 'resolved'
        ORDER BY c.id
        """;

    public async Task<RoutingOutcome?> FindOutcomeByMessageAsync(string channel, string channelAccount, string providerMessageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RoutingOutcome>(new CommandDefinition(SelectOutcomeByMessage,
            new { channel, channelAccount, providerMessageId }, cancellationToken: cancellationToken));
    }

    public async Task<RoutingOutcome?> FindOutcomeAsync(StoreTransaction tx, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return await tx.Connection.QuerySingleOrDefaultAsync<RoutingOutcome>(new CommandDefinition(SelectOutcomeById,
            new { id }, tx.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<LatestConversation?> LatestOnThreadAsync(StoreTransaction tx, string channel, string channelAccount, string customerAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var row = await tx.Connection.QuerySingleOrDefaultAsync<ThreadRow>(new CommandDefinition(SelectLatestOnThread,
            new { channel, channelAccount, customerAddress }, tx.Transaction, cancellationToken: cancellationToken));
        return row is null ? null
            : new LatestConversation(row.Id, ConversationStatusNames.TryParse(row.Status, out var s) ? s : ConversationStatus.Open, row.ResolvedAt);
    }

    /// <summary>Opens a conversation on the thread for a message sent at <paramref name="sentAt"/> (<c>Opened</c>:
    /// this transaction created it, holds its row and it has no messages yet), or returns the unresolved one a
    /// concurrent router just opened.</summary>
    public async Task<(Guid Id, bool Opened)> OpenAsync(StoreTransaction tx, Guid customerId, string channel, string channelAccount, string customerAddress,
        DateTimeOffset sentAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        // As AddMessageAsync would touch it: a late message must not move the conversation back in time.
        var lastMessageAt = sentAt > now ? sentAt : now;
        if (await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(InsertConversation,
                new { id = Guid.CreateVersion7(now), customerId, channel, channelAccount, customerAddress, now, lastMessageAt },
                tx.Transaction, cancellationToken: cancellationToken)) is { } opened)
        {
            return (opened, true);
        }

        var thread = new { channel, channelAccount, customerAddress };
        return (await tx.Connection.QuerySingleAsync<Guid>(new CommandDefinition(SelectUnresolvedOnThread, thread, tx.Transaction, cancellationToken: cancellationToken)), false);
    }

    /// <summary>Stores the message in the conversation; false when it was stored before (a provider redelivery).
    /// <paramref name="justOpened"/>: the conversation was opened for this message (<see cref="OpenAsync"/>), so
    /// its last-message time is already right.</summary>
    public async Task<bool> AddMessageAsync(StoreTransaction tx, Guid conversationId, IncomingMessage message, DateTimeOffset now, CancellationToken cancellationToken,
        bool justOpened = false)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(message);
        var messageId = Guid.CreateVersion7(now);
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition(InsertMessage, new
        {
            id = messageId,
            conversationId,
            channel = message.Channel,
            channelAccount = message.ChannelAccount,
            providerMessageId = message.ProviderMessageId,
            text = message.Text,
            sentAt = message.SentAt,
            now,
            journeyStage = message.Tags?.Stage,
            complaint = message.Tags?.Complaint,
            complaintConfidence = message.Tags?.ComplaintConfidence,
            salesOpportunity = message.Tags?.SalesOpportunity,
            salesConfidence = message.Tags?.SalesConfidence,
            language = message.Tags?.Language,
            tagEvidence = message.EvidenceJson,
            direction = message.Automated is null ? "inbound" : "automated",
            subject = message.Subject,
            inReplyTo = message.InReplyTo,
            threadReferences = message.References.Count == 0 ? null : string.Join(' ', message.References),
            fullText = message.FullText,
            automated = message.Automated,
        }, tx.Transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }

        for (var position = 0; position < message.Attachments.Count; position++)
        {
            var (url, contentType, fileName, size) = message.Attachments[position];
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertAttachment,
                new { messageId, position, url, contentType, fileName, size }, tx.Transaction, cancellationToken: cancellationToken));
        }

        if (message.Automated is not null || justOpened)
        {
            // An out-of-office or a bounce is not the customer writing: the conversation keeps its place in the queue.
            // A conversation opened for this message got its time then.
            return true;
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition(TouchLastMessage, new { id = conversationId, sentAt = message.SentAt }, tx.Transaction, cancellationToken: cancellationToken));
        return true;
    }

    /// <summary>The conversation holding the message with this provider id, optionally only among the customer's.</summary>
    public async Task<LatestConversation?> FindByReferencedMessageAsync(StoreTransaction tx, string channel, string channelAccount, string providerMessageId,
        string? customerAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var row = await tx.Connection.QuerySingleOrDefaultAsync<ThreadRow>(new CommandDefinition(SelectByReferencedMessage,
            new { channel, channelAccount, providerMessageId, customerAddress }, tx.Transaction, cancellationToken: cancellationToken));
        return ToLatest(row);
    }

    /// <summary>The customer's conversation whose id ends with <paramref name="token"/> (lower-case hex).</summary>
    public async Task<LatestConversation?> FindByTokenAsync(StoreTransaction tx, string channel, string channelAccount, string customerAddress, string token,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var row = await tx.Connection.QuerySingleOrDefaultAsync<ThreadRow>(new CommandDefinition(SelectByToken,
            new { channel, channelAccount, customerAddress, token }, tx.Transaction, cancellationToken: cancellationToken));
        return ToLatest(row);
    }

    private static LatestConversation? ToLatest(ThreadRow? row) => row is null ? null
        : new LatestConversation(row.Id, ConversationStatusNames.TryParse(row.Status, out var s) ? s : ConversationStatus.Open, row.ResolvedAt);

    /// <summary>Gives the conversation to the agent unless someone else already has it.</summary>
    public async Task<bool> AssignAsync(StoreTransaction tx, Guid id, Guid agentId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = await tx.Connection.ExecuteAsync(new CommandDefinition(Assign, new { id, agentId, reason, now }, tx.Transaction, cancellationToken: cancellationToken));
        return rows == 1;
    }

    public async Task QueueAsync(StoreTransaction tx, Guid id, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        await tx.Connection.ExecuteAsync(new CommandDefinition(Queue, new { id, reason, now }, tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Conversations with no agent, with what they ask of one, in the order they should be served (priority,
    /// then age): at most <paramref name="perKind"/> of each team, language and channel.</summary>
    public async Task<IReadOnlyList<WaitingConversation>> WaitingAsync(int perKind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WaitingRow>(new CommandDefinition(SelectWaiting, new { perKind }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToWaiting())];
    }

    /// <summary>The head of the queue, <see cref="MaxWaitingPerKind"/> of each kind, inside the caller's transaction.</summary>
    public async Task<IReadOnlyList<WaitingConversation>> WaitingAsync(StoreTransaction tx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = await tx.Connection.QueryAsync<WaitingRow>(new CommandDefinition(SelectWaiting, new { perKind = MaxWaitingPerKind }, tx.Transaction,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToWaiting())];
    }

    /// <summary>Resolves the conversation and frees its agent's capacity. Returns false when it does not exist or
    /// was already resolved; the agent it had, if any, otherwise.</summary>
    public async Task<(bool Resolved, Guid? AgentId)> ResolveAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var tx = await database.BeginAsync(cancellationToken);
        var rows = (await tx.Connection.QueryAsync<HolderRow>(new CommandDefinition(Resolve, new { id, now }, tx.Transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return (false, null);
        }

        if (rows[0].AssigneeId is { } agentId)
        {
            await ReleaseAsync(tx, agentId, 1, rows[0].WeightHundredths, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return (true, rows[0].AssigneeId);
    }

    public async Task ReopenAsync(StoreTransaction tx, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        await tx.Connection.ExecuteAsync(new CommandDefinition(Reopen, new { id }, tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Takes every open conversation away from an agent who left, puts them back in the queue and frees the
    /// agent's capacity, in the caller's transaction, which has locked them first (<see cref="LockHeldByAsync"/>).
    /// Returns the conversations to route again.</summary>
    public async Task<IReadOnlyList<Guid>> UnassignAllAsync(StoreTransaction tx, Guid agentId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = (await tx.Connection.QueryAsync<UnassignedRow>(new CommandDefinition(UnassignAgent, new { agentId, reason, now }, tx.Transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count > 0)
        {
            await ReleaseAsync(tx, agentId, rows.Count, rows.Sum(r => r.WeightHundredths), cancellationToken);
        }

        return [.. rows.Select(r => r.Id)];
    }

    /// <summary>Sets a conversation aside: <c>pending</c> (waiting on the customer) or <c>snoozed</c> until a time.
    /// False when it does not exist or is resolved.</summary>
    public async Task<bool> SetAsideAsync(Guid id, ConversationStatus status, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        if (status is not (ConversationStatus.Pending or ConversationStatus.Snoozed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only pending or snoozed set a conversation aside.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(SetWaitingStatus, new { id, status = status.ToName(), until }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Opens every conversation whose snooze has ended; returns them with their agents.</summary>
    public async Task<IReadOnlyList<WokenConversation>> WakeDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<WokenConversation>(new CommandDefinition(WakeDue, new { now }, cancellationToken: cancellationToken))];
    }

    /// <summary>Conversations whose agent got them before <paramref name="cutoff"/> and has sent nothing since, while
    /// the customer waits: the oldest first.</summary>
    public async Task<IReadOnlyList<UnansweredConversation>> UnansweredSinceAssignedAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<UnansweredConversation>(new CommandDefinition(SelectUnansweredSinceAssigned, new { cutoff, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Locks the conversation for this transaction, and says whether a customer message sent at
    /// <paramref name="sentAt"/> is at least as new as every customer message stored in it.</summary>
    public async Task<bool> LockAndCheckNewestAsync(StoreTransaction tx, Guid id, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        await tx.Connection.ExecuteAsync(new CommandDefinition(LockConversation, new { id }, tx.Transaction, cancellationToken: cancellationToken));
        return await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(CountNewerInbound, new { id, sentAt }, tx.Transaction, cancellationToken: cancellationToken)) == 0;
    }

    /// <summary>Marks the conversation escalated to <paramref name="leadAgentId"/> (null: the team has no lead) unless
    /// it already was while <paramref name="agentId"/> held it; false when it was, or it left them meanwhile.</summary>
    public async Task<bool> MarkEscalatedAsync(StoreTransaction tx, Guid id, Guid agentId, Guid? leadAgentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return await tx.Connection.ExecuteAsync(new CommandDefinition(MarkEscalated, new { id, agentId, leadAgentId, now }, tx.Transaction,
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The agent who last got a conversation of this conversation's customer (this one included), since
    /// <paramref name="since"/>.</summary>
    public async Task<Guid?> PreviousAgentAsync(StoreTransaction tx, Guid id, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SelectPreviousAgent, new { id, since }, tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Stores the conversation's tags and where the routing table sends it.</summary>
    public Task SaveRoutingAsync(StoreTransaction tx, Guid id, ConversationTags tags, RoutingTarget target, CancellationToken cancellationToken) =>
        SaveRoutingAsync(SaveRouting, tx, id, tags, target, responseDueAt: null, cancellationToken);

    /// <summary>After a customer message: stores the conversation's tags and where the routing table sends it, opens it
    /// again if it was pending or snoozed, and starts its first-response clock (due at <paramref name="responseDueAt"/>)
    /// unless it already runs. A conversation without an agent weighs <paramref name="weight"/>, what its channel weighs now.</summary>
    public Task SaveCustomerMessageRoutingAsync(StoreTransaction tx, Guid id, ConversationTags tags, RoutingTarget target, DateTimeOffset responseDueAt,
        decimal weight, CancellationToken cancellationToken) =>
        SaveRoutingAsync(SaveCustomerMessageRouting, tx, id, tags, target, responseDueAt, cancellationToken, weight);

    private static async Task SaveRoutingAsync(string sql, StoreTransaction tx, Guid id, ConversationTags tags, RoutingTarget target, DateTimeOffset? responseDueAt,
        CancellationToken cancellationToken, decimal weight = 1m)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(target);
        await tx.Connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            id,
            stage = tags.Stage,
            complaint = tags.Complaint,
            salesOpportunity = tags.SalesOpportunity,
            language = tags.Language,
            corrected = tags.CorrectedByAgent,
            team = target.Team,
            priority = target.Priority,
            rule = target.Rule,
            skill = target.Skill,
            responseDueAt,
            weightHundredths = AgentLoadSql.ToHundredths(weight),
        }, tx.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<ConversationPage> ListAsync(ConversationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var postgres = database.Dialect == Dialect.Postgres;
        var parameters = new DynamicParameters(new
        {
            status = filter.Status,
            assigneeId = filter.AssigneeId,
            channel = filter.Channel,
            unassignedOnly = filter.UnassignedOnly ? 1 : 0,
            limit = filter.PageSize,
            offset = (filter.Page - 1L) * filter.PageSize,
        });
        parameters.AddDynamicParams(VisibilityParameters(filter.Visibility, postgres));
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<ConversationSummary>(new CommandDefinition(postgres ? ListPostgres : ListSqlite, parameters, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(postgres ? CountPostgres : CountSqlite, parameters, cancellationToken: cancellationToken));
        return new ConversationPage([.. items], filter.Page, filter.PageSize, total);
    }

    /// <summary>Whether the conversation exists, and whether a reader with this visibility may see it.</summary>
    public async Task<(bool Exists, bool Visible)> VisibilityAsync(Guid id, ConversationVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visibility);
        var postgres = database.Dialect == Dialect.Postgres;
        var parameters = new DynamicParameters(new { id });
        parameters.AddDynamicParams(VisibilityParameters(visibility, postgres));
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(postgres ? CountVisiblePostgres : CountVisibleSqlite, parameters, cancellationToken: cancellationToken)) > 0)
        {
            return (true, true);
        }

        return (await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountById, new { id }, cancellationToken: cancellationToken)) > 0, false);
    }

    /// <summary>Whether a reader with this visibility may see at least one of the customer's conversations.</summary>
    public async Task<bool> SeesCustomerAsync(Guid customerId, ConversationVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visibility);
        var postgres = database.Dialect == Dialect.Postgres;
        var parameters = new DynamicParameters(new { customerId });
        parameters.AddDynamicParams(VisibilityParameters(visibility, postgres));
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            postgres ? CountVisibleOfCustomerPostgres : CountVisibleOfCustomerSqlite, parameters, cancellationToken: cancellationToken)) > 0;
    }

    private static object VisibilityParameters(ConversationVisibility visibility, bool postgres) => new
    {
        seeAll = visibility.All ? 1 : 0,
        viewerAgentId = visibility.AgentId,
        viewerTeams = postgres ? (object)visibility.SupervisedTeams.ToArray() : JsonSerializer.Serialize(visibility.SupervisedTeams),
    };

    public async Task<ConversationDetail?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var snapshot = await database.BeginSnapshotAsync(cancellationToken);
        var connection = snapshot.Connection;
        var transaction = snapshot.Transaction;
        var summary = await connection.QuerySingleOrDefaultAsync<ConversationSummary>(new CommandDefinition(SelectSummaryById,
            new { id }, transaction, cancellationToken: cancellationToken));
        if (summary is null)
        {
            return null;
        }

        var attachments = (await connection.QueryAsync<AttachmentRow>(new CommandDefinition(SelectAttachments, new { id }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(a => a.MessageId, a => new AttachmentRecord(a.Url, a.ContentType) { FileName = a.FileName, Size = a.SizeBytes });
        var messages = (await connection.QueryAsync<MessageRow>(new CommandDefinition(SelectMessages, new { id }, transaction, cancellationToken: cancellationToken)))
            .Select(m => new MessageRecord(m.Id, m.Channel, m.Direction, m.ProviderMessageId, m.Text, m.SentAt, [.. attachments[m.Id]])
            {
                DeliveryStatus = m.DeliveryStatus,
                DeliveryErrorCode = m.DeliveryErrorCode,
                DeliveryError = m.DeliveryError,
                Tags = m.JourneyStage is null ? null
                    : new MessageTags(m.JourneyStage, m.Complaint ?? false, m.ComplaintConfidence ?? 0, m.SalesOpportunity ?? false, m.SalesConfidence ?? 0, m.Language ?? ""),
                TagEvidence = m.TagEvidence,
                Subject = m.Subject,
                FullText = m.FullText,
                Automated = m.Automated,
            })
            .ToList();
        return new ConversationDetail(summary, messages);
    }

    /// <summary>Several conversations as a live view shows them, in one round trip; those that do not exist are left
    /// out.</summary>
    public async Task<IReadOnlyList<ConversationHeadline>> HeadlinesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var postgres = database.Dialect == Dialect.Postgres;
        object parameters = postgres ? new { ids = ids.ToArray() } : new { ids = JsonSerializer.Serialize(ids.Select(id => id.ToString("D"))) };
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConversationHeadline>(new CommandDefinition(postgres ? SelectHeadlinesPostgres : SelectHeadlinesSqlite,
            parameters, cancellationToken: cancellationToken))];
    }

    /// <summary>Where the conversation stands now: its status, agent and team; null when it does not exist.</summary>
    public async Task<ConversationPlacement?> PlacementAsync(StoreTransaction tx, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return await tx.Connection.QuerySingleOrDefaultAsync<ConversationPlacement>(new CommandDefinition(SelectPlacement, new { id },
            tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Gives the conversation to <paramref name="toAgentId"/> if <paramref name="fromAgentId"/> (null: the
    /// queue) still has it, and frees the previous agent's slot. The caller has claimed the new agent's slot. With
    /// <paramref name="answeredSince"/>, refuses when we replied on it since then.</summary>
    public async Task<bool> MoveAsync(StoreTransaction tx, Guid id, Guid? fromAgentId, Guid toAgentId, string reason, DateTimeOffset now,
        CancellationToken cancellationToken, DateTimeOffset? answeredSince = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (fromAgentId is not { } previous)
        {
            return await tx.Connection.ExecuteAsync(new CommandDefinition(MoveFromQueue, new { id, toAgentId, reason, now }, tx.Transaction,
                cancellationToken: cancellationToken)) == 1;
        }

        var sql = (answeredSince is null ? MoveFromAgent : MoveFromAgentUnlessAnswered) + ReturningWeight;
        var weight = await tx.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(sql, new { id, fromAgentId, toAgentId, reason, now, answeredSince },
            tx.Transaction, cancellationToken: cancellationToken));
        if (weight is { } moved)
        {
            await ReleaseAsync(tx, previous, 1, moved, cancellationToken);
        }

        return weight is not null;
    }

    /// <summary>Sends the conversation to <paramref name="team"/>'s queue if <paramref name="fromAgentId"/> (null:
    /// the queue) still has it, and frees the previous agent's slot.</summary>
    public async Task<bool> RequeueAsync(StoreTransaction tx, Guid id, Guid? fromAgentId, string team, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (fromAgentId is not { } previous)
        {
            return await tx.Connection.ExecuteAsync(new CommandDefinition(RequeueFromQueue, new { id, team, reason, now }, tx.Transaction,
                cancellationToken: cancellationToken)) == 1;
        }

        var weight = await tx.Connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(RequeueFromAgent + ReturningWeight,
            new { id, fromAgentId, team, reason, now }, tx.Transaction, cancellationToken: cancellationToken));
        if (weight is { } requeued)
        {
            await ReleaseAsync(tx, previous, 1, requeued, cancellationToken);
        }

        return weight is not null;
    }

    /// <summary>Locks the conversations' rows in id order until the transaction ends.
    /// <para>The one lock order of the store, kept by every transaction that writes more than one row: customers,
    /// then conversations in id order, then agents in id order (<c>AgentStore.LockAsync</c>, or the capacity claim
    /// and release, which lock an agent row). A transaction that holds an agent row never waits for a conversation
    /// row, so no two transactions can wait on each other in a cycle. The router's message path, resolving, moves,
    /// rebalances, the no-reply reassignment, the queue drain (<see cref="LockIfWaitingAsync"/>) and handing back an
    /// absent agent's work (<see cref="LockHeldByAsync"/>) all follow it.</para>
    /// SQLite needs nothing: its write transaction already holds the whole database.</summary>
    public async Task LockAsync(StoreTransaction tx, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (database.Dialect == Dialect.Postgres && ids.Count > 0)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(LockConversationsPostgres, new { ids = ids.Distinct().ToArray() },
                tx.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Locks the conversation if it still waits for an agent, before any agent row is touched (see
    /// <see cref="LockAsync"/>); false when it has an agent or is resolved by now.</summary>
    public async Task<bool> LockIfWaitingAsync(StoreTransaction tx, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var sql = database.Dialect == Dialect.Postgres ? LockWaitingPostgres : SelectWaitingOne;
        return await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(sql, new { id }, tx.Transaction, cancellationToken: cancellationToken)) is not null;
    }

    /// <summary>Locks every open conversation of the agent in id order (see <see cref="LockAsync"/>), so that handing
    /// them all back cannot wait in a cycle with a move or a rebalance that locks some of them.</summary>
    public async Task LockHeldByAsync(StoreTransaction tx, Guid agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (database.Dialect == Dialect.Postgres)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(LockHeldByAgentPostgres, new { agentId }, tx.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Every open conversation that has an agent, with its team and when we last replied on it.</summary>
    public async Task<IReadOnlyList<HeldConversation>> HeldAsync(StoreTransaction tx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = await tx.Connection.QueryAsync<HeldRow>(new CommandDefinition(SelectHeld, transaction: tx.Transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new HeldConversation(r.Id, r.AgentId, r.Team, r.LastAgentReplyAt, r.Language, r.Channel,
            AgentLoadSql.FromHundredths(r.WeightHundredths), r.RequiredSkill))];
    }

    // The agent's load loses exactly the stored weights its claims added (AgentLoadSql).
    private static async Task ReleaseAsync(StoreTransaction tx, Guid agentId, int count, int weightHundredths, CancellationToken cancellationToken) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition(AgentLoadSql.Release, new { agentId, count, weightHundredths }, tx.Transaction,
            cancellationToken: cancellationToken));

    private sealed class HolderRow
    {
        public Guid? AssigneeId { get; init; }
        public int WeightHundredths { get; init; }
    }

    private sealed class UnassignedRow
    {
        public Guid Id { get; init; }
        public int WeightHundredths { get; init; }
    }

    private sealed class ThreadRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset? ResolvedAt { get; init; }
    }

    private sealed class MessageRow
    {
        public Guid Id { get; init; }
        public string Channel { get; init; } = "";
        public string Direction { get; init; } = "";
        public string ProviderMessageId { get; init; } = "";
        public string Text { get; init; } = "";
        public DateTimeOffset SentAt { get; init; }
        public string? DeliveryStatus { get; init; }
        public string? DeliveryErrorCode { get; init; }
        public string? DeliveryError { get; init; }
        public string? JourneyStage { get; init; }
        public bool? Complaint { get; init; }
        public double? ComplaintConfidence { get; init; }
        public bool? SalesOpportunity { get; init; }
        public double? SalesConfidence { get; init; }
        public string? Language { get; init; }
        public string? TagEvidence { get; init; }
        public string? Subject { get; init; }
        public string? FullText { get; init; }
        public string? Automated { get; init; }
    }

    private sealed class HeldRow
    {
        public Guid Id { get; init; }
        public Guid AgentId { get; init; }
        public string? Team { get; init; }
        public DateTimeOffset? LastAgentReplyAt { get; init; }
        public string? Language { get; init; }
        public string? Channel { get; init; }
        public int WeightHundredths { get; init; }
        public string? RequiredSkill { get; init; }
    }

    internal sealed class WaitingRow
    {
        public Guid Id { get; init; }
        public string? Team { get; init; }
        public string? Language { get; init; }
        public string? Channel { get; init; }
        public int WeightHundredths { get; init; }
        public string? RequiredSkill { get; init; }
        public int Priority { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public WaitingConversation ToWaiting() =>
            new(Id, new ConversationNeeds(Team, Language, Channel, AgentLoadSql.FromHundredths(WeightHundredths), RequiredSkill), Priority, CreatedAt);
    }

    private sealed class AttachmentRow
    {
        public Guid MessageId { get; init; }
        public string Url { get; init; } = "";
        public string ContentType { get; init; } = "";
        public string? FileName { get; init; }
        public long? SizeBytes { get; init; }
    }
}
