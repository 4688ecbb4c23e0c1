using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Tagging;
using CxInbox.Routing.Threading;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>
/// The batched router's set-based statements (PostgreSQL only): each does for every message of a batch what
/// <see cref="ConversationStore"/>, <c>CustomerStore</c> and <c>AgentStore</c> do for one, and the statements that need
/// no result of one another go in one round trip. The batch never holds two messages of one customer address, so no
/// statement meets the same thread twice.
/// </summary>
public sealed class InboundBatchStore
{
    // Per message: the conversation already holding it (a redelivery), the customer known by its address or linked by
    // its link key (the oldest link, as CustomerStore.ResolveAsync), the latest conversation on its thread, and the
    // customer's previous agent (ConversationStore.SelectPreviousAgent); then the agents' snapshot and the head of the
    // queue, so that the batch can choose each new conversation's agent, behind those waiting, before it writes them.
    private const string Lookup = """
        SELECT v.place, stored.conversation_id AS stored_in, known.customer_id AS known_customer_id, linked.customer_id AS linked_customer_id,
               latest.id AS latest_id, latest.status AS latest_status, latest.resolved_at AS latest_resolved_at,
               previous.agent_id AS previous_agent_id
        FROM unnest(@channels, @channelAccounts, @providerMessageIds, @addresses, @linkKeys)
             WITH ORDINALITY AS v(channel, channel_account, provider_message_id, address, link_key, place)
        LEFT JOIN LATERAL (SELECT m.conversation_id FROM messages m
                           WHERE m.channel = v.channel AND m.channel_account = v.channel_account AND m.provider_message_id = v.provider_message_id) stored ON TRUE
        LEFT JOIN LATERAL (SELECT i.customer_id FROM customer_identities i WHERE i.channel = v.channel AND i.address = v.address) known ON TRUE
        LEFT JOIN LATERAL (SELECT i.customer_id FROM customer_identities i WHERE i.link_key = v.link_key
                           ORDER BY i.created_at, i.channel LIMIT 1) linked ON TRUE
        LEFT JOIN LATERAL (SELECT c.id, c.status, c.resolved_at FROM conversations c
                           WHERE c.channel = v.channel AND c.channel_account = v.channel_account AND c.customer_address = v.address
                           ORDER BY c.created_at DESC
                           LIMIT 1) latest ON TRUE
        LEFT JOIN LATERAL (SELECT ca.agent_id FROM conversation_assignments ca
                           JOIN conversations c ON c.id = ca.conversation_id
                           WHERE c.customer_id = COALESCE(known.customer_id, linked.customer_id)
                             AND ca.agent_id IS NOT NULL AND ca.occurred_at >= @stickySince
                           ORDER BY ca.occurred_at DESC, ca.id DESC
                           LIMIT 1) previous ON TRUE
        ORDER BY v.place;
        """ + AgentStore.SnapshotQueries + ";\n" + ConversationStore.SelectWaiting;

    // Everything the batch writes, in one round trip: a new conversation already with its tags, target and agent (or
    // its place in the queue), so that its row is written once, with its history row as AssignmentHistoryStore records
    // it; each statement returns what was written, so that a race with another router shows as a short count. In the
    // store's lock order: customers, then conversations: joined ones in id order, their state read under the lock, then
    // new ones in thread order, so that two routers opening the same threads wait on each other. The joined ones come
    // first because a new conversation's foreign key key-share locks its agent: so every conversation lock comes
    // before any lock on an agent. The check for newer customer messages is a statement of its own after the lock, so
    // that it sees every message a router committed before we got it.
    private const string Write = """
        INSERT INTO customers (id, display_name, created_at)
        SELECT v.id, v.display_name, @now FROM unnest(@newCustomerIds, @newCustomerNames) AS v(id, display_name)
        RETURNING id;

        WITH locked AS (
            SELECT c.id, v.display_name FROM customers c JOIN unnest(@namedCustomerIds, @namedCustomerNames) AS v(id, display_name) ON v.id = c.id
            WHERE c.display_name IS NULL
            ORDER BY c.id
            FOR NO KEY UPDATE OF c)
        UPDATE customers SET display_name = locked.display_name
        FROM locked
        WHERE customers.id = locked.id AND customers.display_name IS NULL
        RETURNING customers.id;

        INSERT INTO customer_identities (channel, address, customer_id, created_at, link_key)
        SELECT v.channel, v.address, v.customer_id, @now, v.link_key
        FROM unnest(@linkChannels, @linkAddresses, @linkCustomerIds, @linkKeys) AS v(channel, address, customer_id, link_key)
        ORDER BY v.channel, v.address
        ON CONFLICT (channel, address) DO NOTHING
        RETURNING address;

        SELECT c.id, c.status, c.assignee_id, c.journey_stage, c.complaint, c.sales_opportunity, c.language, c.tags_corrected
        FROM conversations c
        WHERE c.id = ANY(@joinedIds)
        ORDER BY c.id
        FOR NO KEY UPDATE;

        SELECT v.id FROM unnest(@joinedIds, @joinedSentAts) AS v(id, sent_at)
        WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = v.id AND m.direction = 'inbound' AND m.sent_at > v.sent_at);

        WITH opened AS (
            INSERT INTO conversations (id, customer_id, channel, channel_account, customer_address, status, created_at, last_message_at,
                                       journey_stage, complaint, sales_opportunity, language, tags_corrected, team, priority, routing_rule,
                                       required_skill, weight_hundredths, response_due_at, assignee_id, assigned_at, assignment_reason,
                                       queued_at, queued_reason)
            SELECT v.id, v.customer_id, v.channel, v.channel_account, v.customer_address, 'open', v.created_at, v.last_message_at,
                   v.stage, v.complaint, v.sales_opportunity, v.language, v.corrected, v.team, v.priority, v.rule, v.skill, v.weight_hundredths,
                   v.response_due_at, v.agent_id, CASE WHEN v.agent_id IS NOT NULL THEN @now END, CASE WHEN v.agent_id IS NOT NULL THEN v.reason END,
                   CASE WHEN v.agent_id IS NULL THEN @now END, CASE WHEN v.agent_id IS NULL THEN v.reason END
            FROM unnest(@openedIds, @openedCustomerIds, @openedChannels, @openedChannelAccounts, @openedAddresses, @openedCreatedAts, @openedLastMessageAts,
                        @openedStages, @openedComplaints, @openedSalesOpportunities, @openedLanguages, @openedCorrected, @openedTeams, @openedPriorities,
                        @openedRules, @openedSkills, @openedWeightHundredths, @openedResponseDueAts, @openedAgentIds, @openedReasons)
                 AS v(id, customer_id, channel, channel_account, customer_address, created_at, last_message_at,
                      stage, complaint, sales_opportunity, language, corrected, team, priority, rule, skill, weight_hundredths, response_due_at,
                      agent_id, reason)
            ORDER BY v.channel, v.channel_account, v.customer_address
            ON CONFLICT (channel, channel_account, customer_address) WHERE status <> 'resolved' DO NOTHING
            RETURNING id),
        history AS (
            INSERT INTO conversation_assignments (conversation_id, occurred_at, kind, agent_id, team, reason)
            SELECT v.id, @now, CASE WHEN v.agent_id IS NULL THEN 'queued' ELSE 'assigned' END, v.agent_id, v.team, v.reason
            FROM unnest(@openedIds, @openedAgentIds, @openedTeams, @openedReasons) WITH ORDINALITY AS v(id, agent_id, team, reason, place)
            JOIN opened ON opened.id = v.id
            ORDER BY v.place)
        SELECT id FROM opened;

        INSERT INTO messages (id, conversation_id, channel, channel_account, provider_message_id, direction, text, sent_at, created_at,
                              journey_stage, complaint, complaint_confidence, sales_opportunity, sales_confidence, language, tag_evidence,
                              subject, full_text)
        SELECT v.id, v.conversation_id, v.channel, v.channel_account, v.provider_message_id, 'inbound', v.text, v.sent_at, @now,
               v.stage, v.complaint, v.complaint_confidence, v.sales_opportunity, v.sales_confidence, v.language, v.evidence,
               v.subject, v.full_text
        FROM unnest(@messageIds, @messageConversationIds, @messageChannels, @messageChannelAccounts, @providerMessageIds, @texts, @sentAts,
                    @stages, @complaints, @complaintConfidences, @salesOpportunities, @salesConfidences, @languages, @evidence,
                    @subjects, @fullTexts)
             AS v(id, conversation_id, channel, channel_account, provider_message_id, text, sent_at,
                  stage, complaint, complaint_confidence, sales_opportunity, sales_confidence, language, evidence,
                  subject, full_text)
        ON CONFLICT (channel, channel_account, provider_message_id) DO NOTHING
        RETURNING id;

        INSERT INTO message_attachments (message_id, position, url, content_type, file_name, size_bytes)
        SELECT v.* FROM unnest(@attachmentMessageIds, @attachmentPositions, @attachmentUrls, @attachmentContentTypes, @attachmentFileNames, @attachmentSizes)
             AS v(message_id, position, url, content_type, file_name, size_bytes)
        WHERE EXISTS (SELECT 1 FROM messages m WHERE m.id = v.message_id)
        RETURNING message_id
        """;

    // ConversationStore.SaveCustomerMessageRouting for every conversation the batch joined (those it opened were
    // written with theirs), with the last-message time its message moves forward (never back: providers do not promise
    // order).
    private const string SaveRouting = """
        UPDATE conversations c
        SET journey_stage = v.stage, complaint = v.complaint, sales_opportunity = v.sales_opportunity, language = v.language,
            tags_corrected = v.corrected, team = v.team, priority = v.priority, routing_rule = v.rule, required_skill = v.skill,
            status = CASE WHEN c.status IN ('pending', 'snoozed') THEN 'open' ELSE c.status END,
            weight_hundredths = CASE WHEN c.assignee_id IS NULL THEN v.weight_hundredths ELSE c.weight_hundredths END,
            snoozed_until = CASE WHEN c.status IN ('pending', 'snoozed') THEN NULL ELSE c.snoozed_until END,
            response_due_at = COALESCE(c.response_due_at, v.response_due_at),
            last_message_at = GREATEST(c.last_message_at, v.sent_at)
        FROM unnest(@routedIds, @stages, @complaints, @salesOpportunities, @languages, @corrected, @teams, @priorities, @rules, @skills,
                    @weightHundredths, @responseDueAts, @sentAts)
             AS v(id, stage, complaint, sales_opportunity, language, corrected, team, priority, rule, skill,
                  weight_hundredths, response_due_at, sent_at)
        WHERE c.id = v.id
        RETURNING c.id;

        """;

    // The joined conversations that were waiting for an agent: given to the agent chosen for them, or left in the queue
    // with the new reason, with their history rows as AssignmentHistoryStore records them ('queued' only when the
    // conversation was not already waiting).
    private const string GiveOutWaiting = """
        UPDATE conversations c
        SET assignee_id = v.agent_id,
            assigned_at = CASE WHEN v.agent_id IS NULL THEN c.assigned_at ELSE @now END,
            assignment_reason = CASE WHEN v.agent_id IS NULL THEN c.assignment_reason ELSE v.reason END,
            queued_at = CASE WHEN v.agent_id IS NULL THEN COALESCE(c.queued_at, @now) END,
            queued_reason = CASE WHEN v.agent_id IS NULL THEN v.reason END
        FROM unnest(@waitingIds, @waitingAgentIds, @waitingReasons) AS v(id, agent_id, reason)
        WHERE c.id = v.id AND c.assignee_id IS NULL
        RETURNING c.id;

        INSERT INTO conversation_assignments (conversation_id, occurred_at, kind, agent_id, team, reason)
        SELECT v.id, @now, CASE WHEN v.agent_id IS NULL THEN 'queued' ELSE 'assigned' END, v.agent_id, v.team, v.reason
        FROM unnest(@waitingIds, @waitingAgentIds, @waitingTeams, @waitingReasons) WITH ORDINALITY AS v(id, agent_id, team, reason, place)
        WHERE v.agent_id IS NOT NULL
           OR COALESCE((SELECT kind FROM conversation_assignments WHERE conversation_id = v.id ORDER BY id DESC LIMIT 1), '')
              NOT IN ('queued', 'requeued', 'moved-to-team')
        ORDER BY v.place
        RETURNING conversation_id;

        """;

    // The outcomes; then, last, so that other batches wait on the agents' rows only until this one commits, the agents'
    // shares (AgentLoadSql).
    private const string OutcomesThenClaim = ConversationStore.SelectOutcomeColumns + """

        WHERE c.id = ANY(@outcomeIds);

        """ + AgentLoadSql.ClaimShares;

    /// <summary>What the store knows of each message's sender and thread, and the agents as they stand.</summary>
    public async Task<BatchLookup> LookupAsync(StoreTransaction tx, IReadOnlyList<IncomingMessage> messages, IReadOnlyList<string?> linkKeys,
        IReadOnlyList<string> addresses, DateTimeOffset stickySince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(messages);
        await using var results = await tx.Connection.QueryMultipleAsync(new CommandDefinition(Lookup, new
        {
            channels = messages.Select(m => m.Channel).ToArray(),
            channelAccounts = messages.Select(m => m.ChannelAccount).ToArray(),
            providerMessageIds = messages.Select(m => m.ProviderMessageId).ToArray(),
            addresses = addresses.ToArray(),
            linkKeys = linkKeys.ToArray(),
            stickySince = Utc(stickySince),
            perKind = ConversationStore.MaxWaitingPerKind,
        }, tx.Transaction, cancellationToken: cancellationToken));
        var rows = await results.ReadAsync<LookupRow>();
        IReadOnlyList<InboundLookup> found = [.. rows.Select(r => new InboundLookup(r.StoredIn, r.KnownCustomerId, r.LinkedCustomerId,
            r.LatestId is { } id ? new LatestConversation(id, ConversationStatusNames.TryParse(r.LatestStatus ?? "", out var s) ? s : ConversationStatus.Open, r.LatestResolvedAt) : null,
            r.PreviousAgentId))];
        var agents = await AgentStore.ReadSnapshotsAsync(results);
        var waiting = (await results.ReadAsync<ConversationStore.WaitingRow>()).Select(r => r.ToWaiting()).ToList();
        return new BatchLookup(found, agents, waiting);
    }

    /// <summary>Writes the batch: new customers, names filled in, addresses linked, the joined conversations locked,
    /// conversations opened with their agent or queue entry and its history row, and the messages with their
    /// attachments.</summary>
    public async Task<BatchWritten> WriteAsync(StoreTransaction tx, BatchWrite write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(write);
        var messages = write.Messages.Select(s => s.Message).ToList();
        var attachments = write.Messages.SelectMany(s => s.Message.Attachments.Select((a, position) => (s.MessageId, Position: position, Attachment: a))).ToList();
        await using var results = await tx.Connection.QueryMultipleAsync(new CommandDefinition(Write, new
        {
            now = Utc(now),
            newCustomerIds = write.NewCustomers.Select(c => c.Id).ToArray(),
            newCustomerNames = write.NewCustomers.Select(c => c.DisplayName).ToArray(),
            namedCustomerIds = write.Names.Select(n => n.Id).ToArray(),
            namedCustomerNames = write.Names.Select(n => n.DisplayName).ToArray(),
            linkChannels = write.Links.Select(l => l.Channel).ToArray(),
            linkAddresses = write.Links.Select(l => l.Address).ToArray(),
            linkCustomerIds = write.Links.Select(l => l.CustomerId).ToArray(),
            linkKeys = write.Links.Select(l => l.LinkKey).ToArray(),
            openedIds = write.Opened.Select(o => o.Id).ToArray(),
            openedCustomerIds = write.Opened.Select(o => o.CustomerId).ToArray(),
            openedChannels = write.Opened.Select(o => o.Channel).ToArray(),
            openedChannelAccounts = write.Opened.Select(o => o.ChannelAccount).ToArray(),
            openedAddresses = write.Opened.Select(o => o.CustomerAddress).ToArray(),
            // Apart by a microsecond in arrival order, so that the queue (priority, then age) serves them in that order.
            openedCreatedAts = write.Opened.Select((_, i) => Utc(now.AddTicks(i * TimeSpan.TicksPerMicrosecond))).ToArray(),
            // As ConversationStore.OpenAsync: a late message must not move the conversation back in time.
            openedLastMessageAts = write.Opened.Select(o => Utc(o.Routing.SentAt > now ? o.Routing.SentAt : now)).ToArray(),
            openedStages = write.Opened.Select(o => o.Routing.Tags.Stage).ToArray(),
            openedComplaints = write.Opened.Select(o => o.Routing.Tags.Complaint).ToArray(),
            openedSalesOpportunities = write.Opened.Select(o => o.Routing.Tags.SalesOpportunity).ToArray(),
            openedLanguages = write.Opened.Select(o => o.Routing.Tags.Language).ToArray(),
            openedCorrected = write.Opened.Select(o => o.Routing.Tags.CorrectedByAgent).ToArray(),
            openedTeams = write.Opened.Select(o => o.Routing.Target.Team).ToArray(),
            openedPriorities = write.Opened.Select(o => o.Routing.Target.Priority).ToArray(),
            openedRules = write.Opened.Select(o => o.Routing.Target.Rule).ToArray(),
            openedSkills = write.Opened.Select(o => o.Routing.Target.Skill).ToArray(),
            openedWeightHundredths = write.Opened.Select(o => AgentLoadSql.ToHundredths(o.Routing.Weight)).ToArray(),
            openedResponseDueAts = write.Opened.Select(o => Utc(o.Routing.ResponseDueAt)).ToArray(),
            openedAgentIds = write.Opened.Select(o => o.AgentId).ToArray(),
            openedReasons = write.Opened.Select(o => o.Reason).ToArray(),
            joinedIds = write.Joined.Select(j => j.ConversationId).ToArray(),
            joinedSentAts = write.Joined.Select(j => Utc(j.SentAt)).ToArray(),
            messageIds = write.Messages.Select(s => s.MessageId).ToArray(),
            messageConversationIds = write.Messages.Select(s => s.ConversationId).ToArray(),
            messageChannels = messages.Select(m => m.Channel).ToArray(),
            messageChannelAccounts = messages.Select(m => m.ChannelAccount).ToArray(),
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
            attachmentMessageIds = attachments.Select(a => a.MessageId).ToArray(),
            attachmentPositions = attachments.Select(a => a.Position).ToArray(),
            attachmentUrls = attachments.Select(a => a.Attachment.Url).ToArray(),
            attachmentContentTypes = attachments.Select(a => a.Attachment.ContentType).ToArray(),
            attachmentFileNames = attachments.Select(a => a.Attachment.FileName).ToArray(),
            attachmentSizes = attachments.Select(a => a.Attachment.Size).ToArray(),
        }, tx.Transaction, cancellationToken: cancellationToken));
        await results.ReadAsync<Guid>(); // customers created
        await results.ReadAsync<Guid>(); // names filled in
        var linked = (await results.ReadAsync<string>()).Count();
        var locked = (await results.ReadAsync<LockedRow>()).Select(r => new LockedConversation(r.Id,
            ConversationStatusNames.TryParse(r.Status, out var s) ? s : ConversationStatus.Open, r.AssigneeId,
            r.JourneyStage is null ? null : new ConversationTags(r.JourneyStage, r.Complaint, r.SalesOpportunity, r.Language ?? "", r.TagsCorrected))).ToList();
        var havingNewer = (await results.ReadAsync<Guid>()).ToHashSet();
        var opened = (await results.ReadAsync<Guid>()).Count();
        var stored = (await results.ReadAsync<Guid>()).Count();
        await results.ReadAsync<Guid>(); // attachments
        return new BatchWritten(linked, opened, locked, havingNewer, stored);
    }

    /// <summary>Finishes the batch: saves the tags and target of every conversation it joined
    /// (<see cref="ConversationStore.SaveCustomerMessageRoutingAsync"/>, also moving its last-message time forward to its
    /// message's), gives out or queues the joined ones that were waiting for an agent, reads the outcomes of
    /// <paramref name="outcomeIds"/>, then claims each agent's share of the batch if they are still online and all of it
    /// fits below their capacity, with the time of their last assignment in the batch.</summary>
    public async Task<BatchFinished> FinishAsync(StoreTransaction tx, IReadOnlyList<CustomerMessageRouting> routings,
        IReadOnlyList<(Guid ConversationId, Guid? AgentId, string? Team, string Reason)> waiting,
        IReadOnlyList<(Guid AgentId, int Count, decimal Weight, DateTimeOffset LastAssignedAt)> shares, IReadOnlyCollection<Guid> outcomeIds,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(routings);
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(outcomeIds);
        // Waiting conversations are rare in a batch: their statements go only when there are some.
        var sql = waiting.Count > 0 ? SaveRouting + GiveOutWaiting + OutcomesThenClaim : SaveRouting + OutcomesThenClaim;
        await using var results = await tx.Connection.QueryMultipleAsync(new CommandDefinition(sql, new
        {
            routedIds = routings.Select(r => r.ConversationId).ToArray(),
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
            waitingIds = waiting.Select(w => w.ConversationId).ToArray(),
            waitingAgentIds = waiting.Select(w => w.AgentId).ToArray(),
            waitingTeams = waiting.Select(w => w.Team).ToArray(),
            waitingReasons = waiting.Select(w => w.Reason).ToArray(),
            now = Utc(now),
            outcomeIds = outcomeIds.Distinct().ToArray(),
            ids = shares.Select(s => s.AgentId).ToArray(),
            addedCounts = shares.Select(s => s.Count).ToArray(),
            addedHundredths = shares.Select(s => AgentLoadSql.ToHundredths(s.Weight)).ToArray(),
            lastAssignedAts = shares.Select(s => Utc(s.LastAssignedAt)).ToArray(),
        }, tx.Transaction, cancellationToken: cancellationToken));
        await results.ReadAsync<Guid>(); // routings saved
        if (waiting.Count > 0)
        {
            await results.ReadAsync<Guid>(); // given out or queued
            await results.ReadAsync<Guid>(); // history
        }

        var outcomes = (await results.ReadAsync<RoutingOutcome>()).ToDictionary(r => r.ConversationId);
        return new BatchFinished(outcomes, (await results.ReadAsync<Guid>()).ToHashSet());
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
        public Guid? PreviousAgentId { get; init; }
    }

    private sealed class LockedRow
    {
        public Guid Id { get; init; }
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
/// <param name="PreviousAgentId">The agent who got any of the conversations of the customer known or linked by the
/// message's address last within the stickiness window.</param>
public sealed record InboundLookup(Guid? StoredIn, Guid? KnownCustomerId, Guid? LinkedCustomerId, LatestConversation? Latest, Guid? PreviousAgentId);

/// <summary>What the store knows before a batch writes: each message's <see cref="InboundLookup"/>, in the batch's
/// order, and the agents.</summary>
/// <param name="Waiting">The head of the queue, in queue order, while some online agent has room.</param>
public sealed record BatchLookup(IReadOnlyList<InboundLookup> Messages, IReadOnlyList<AgentSnapshot> Agents, IReadOnlyList<WaitingConversation> Waiting);

/// <summary>What a batch writes.</summary>
public sealed record BatchWrite(
    IReadOnlyList<(Guid Id, string? DisplayName)> NewCustomers,
    IReadOnlyList<(Guid Id, string DisplayName)> Names,
    IReadOnlyList<(string Channel, string Address, Guid CustomerId, string LinkKey)> Links,
    IReadOnlyList<NewConversation> Opened,
    IReadOnlyList<(Guid ConversationId, DateTimeOffset SentAt)> Joined,
    IReadOnlyList<(Guid MessageId, Guid ConversationId, IncomingMessage Message)> Messages);

/// <summary>What the batch's writes found: counts short of the batch's mean another router got there first.</summary>
/// <param name="HavingNewerInbound">The joined conversations that hold a customer message newer than the batch's.</param>
public sealed record BatchWritten(int Linked, int Opened, IReadOnlyList<LockedConversation> Locked, IReadOnlySet<Guid> HavingNewerInbound, int MessagesStored);

/// <summary>What finishing a batch found: every outcome, and the agents whose share it claimed.</summary>
public sealed record BatchFinished(IReadOnlyDictionary<Guid, RoutingOutcome> Outcomes, IReadOnlySet<Guid> Claimed);

/// <summary>A conversation the batch opens, stored with its first message's routing and given to
/// <paramref name="AgentId"/>, or queued when that is null; <paramref name="Reason"/> says why, either way.</summary>
public sealed record NewConversation(Guid Id, Guid CustomerId, string Channel, string ChannelAccount, string CustomerAddress, CustomerMessageRouting Routing,
    Guid? AgentId, string Reason);

public sealed record LockedConversation(Guid Id, ConversationStatus Status, Guid? AssigneeId, ConversationTags? Tags);

public sealed record CustomerMessageRouting(Guid ConversationId, ConversationTags Tags, RoutingTarget Target, DateTimeOffset ResponseDueAt, decimal Weight,
    DateTimeOffset SentAt);
