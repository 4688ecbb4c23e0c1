using CxInbox.Contracts;
using CxInbox.Data.Storage;
using CxInbox.Routing.Delivery;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>Every SQL statement about agents' replies: the outbound rows of <c>messages</c> and their delivery state.</summary>
public sealed class ReplyStore(Database database)
{
    /// <summary>The failure code of a reply whose send was cut off before its outcome was recorded.</summary>
    public const string InterruptedCode = "interrupted";

    private const string SelectThread = """
        SELECT c.id AS conversation_id, c.channel, c.channel_account, c.customer_address,
               (SELECT m.provider_message_id FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS last_customer_message_id,
               (SELECT MAX(m.sent_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound') AS last_customer_message_at,
               (SELECT m.subject FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS last_customer_message_subject,
               (SELECT m.thread_references FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS last_customer_message_references
        FROM conversations c
        WHERE c.id = @id
        """;

    private const string SelectThreadOfReply = """
        SELECT c.id AS conversation_id, c.channel, c.channel_account, c.customer_address
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.reply_id = @replyId
        """;

    private const string InsertReply = """
        INSERT INTO messages (id, conversation_id, channel, channel_account, provider_message_id, direction, text, sent_at, created_at,
                              reply_id, delivery_status, delivery_rank, delivery_updated_at)
        VALUES (@id, @conversationId, @channel, @channelAccount, @placeholderId, 'outbound', @text, @now, @now,
                @replyId, 'pending', 0, @now)
        """;

    // The agent has answered: the customer no longer waits, so the first-response clock stops (and a breach ends).
    private const string StopResponseClock = """
        UPDATE conversations SET response_due_at = NULL, sla_breached_at = NULL WHERE id = @conversationId
        """;

    // Only a pending reply may start sending: a redelivered command finds it already past that.
    private const string StartSending = """
        UPDATE messages SET delivery_status = 'sending', delivery_rank = 1, delivery_updated_at = @now
        WHERE reply_id = @replyId AND delivery_status = 'pending'
        """;

    private const string SelectReplyState = """
        SELECT provider_message_id, delivery_status, delivery_error_code, delivery_error
        FROM messages WHERE reply_id = @replyId
        """;

    // Only a send whose lease has run out: one still within it may be in progress elsewhere.
    private const string RecordInterrupted = """
        UPDATE messages
        SET delivery_status = 'failed', delivery_rank = @rank, delivery_error_code = @code, delivery_error = @reason, delivery_updated_at = @now
        WHERE reply_id = @replyId AND delivery_status = 'sending' AND delivery_updated_at < @leaseStartedBefore
        """;

    private const string SelectStalled = """
        SELECT reply_id, conversation_id, channel, delivery_status
        FROM messages
        WHERE delivery_status IN ('pending', 'sending') AND direction = 'outbound'
          AND ((delivery_status = 'pending' AND delivery_updated_at < @pendingBefore)
            OR (delivery_status = 'sending' AND delivery_updated_at < @sendingBefore))
        ORDER BY delivery_updated_at
        LIMIT @limit
        """;

    // Moving the timestamp on is the claim: another sweeper's update no longer matches, and the next republish of
    // this reply waits a whole period again.
    private const string ClaimForRepublish = """
        UPDATE messages SET delivery_updated_at = @now
        WHERE reply_id = @replyId AND delivery_status = 'pending' AND delivery_updated_at < @pendingBefore
        """;

    private const string SelectReplyText = "SELECT conversation_id, text, sent_at FROM messages WHERE reply_id = @replyId";

    // The provider id is set even when a status report got here first and moved the status further.
    private const string RecordSent = """
        UPDATE messages
        SET provider_message_id = @providerMessageId,
            delivery_status = CASE WHEN delivery_rank < @rank THEN @status ELSE delivery_status END,
            delivery_rank = CASE WHEN delivery_rank < @rank THEN @rank ELSE delivery_rank END,
            delivery_updated_at = @now
        WHERE reply_id = @replyId
        """;

    private const string RecordFailed = """
        UPDATE messages
        SET delivery_status = 'failed', delivery_rank = @rank, delivery_error_code = @code, delivery_error = @reason, delivery_updated_at = @now
        WHERE reply_id = @replyId
        """;

    private const string ApplyStatusByReply = """
        UPDATE messages
        SET delivery_status = @status, delivery_rank = @rank, delivery_error_code = @errorCode, delivery_error = @errorReason, delivery_updated_at = @now
        WHERE reply_id = @replyId AND delivery_rank < @rank
        """;

    private const string ApplyStatusByProviderId = """
        UPDATE messages
        SET delivery_status = @status, delivery_rank = @rank, delivery_error_code = @errorCode, delivery_error = @errorReason, delivery_updated_at = @now
        WHERE channel = @channel AND provider_message_id = @providerMessageId AND direction = 'outbound' AND delivery_rank < @rank
        """;

    public async Task<ReplyThread?> FindThreadAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReplyThread>(new CommandDefinition(SelectThread, new { id = conversationId }, cancellationToken: cancellationToken));
    }

    public async Task<ReplyThread?> FindThreadOfReplyAsync(Guid replyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReplyThread>(new CommandDefinition(SelectThreadOfReply, new { replyId }, cancellationToken: cancellationToken));
    }

    /// <summary>Records an agent's reply as pending; returns the message id.</summary>
    public async Task<Guid> AddAsync(ReplyThread thread, Guid replyId, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        var id = Guid.CreateVersion7(now);
        await using var tx = await database.BeginAsync(cancellationToken);
        await tx.Connection.ExecuteAsync(new CommandDefinition(InsertReply, new
        {
            id,
            conversationId = thread.ConversationId,
            channel = thread.Channel,
            channelAccount = thread.ChannelAccount,
            placeholderId = $"reply:{replyId:D}",
            text,
            now,
            replyId,
        }, tx.Transaction, cancellationToken: cancellationToken));
        await tx.Connection.ExecuteAsync(new CommandDefinition(StopResponseClock, new { conversationId = thread.ConversationId }, tx.Transaction, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Marks the reply as being sent, if nobody has started it before; otherwise returns where it stands.</summary>
    public async Task<ReplyState> BeginSendingAsync(Guid replyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(StartSending, new { replyId, now }, cancellationToken: cancellationToken)) == 1)
        {
            return ReplyState.Started;
        }

        return await connection.QuerySingleOrDefaultAsync<ReplyState>(new CommandDefinition(SelectReplyState, new { replyId }, cancellationToken: cancellationToken))
            ?? ReplyState.Unknown;
    }

    /// <summary>Records as failed, with the code <c>interrupted</c>, a reply that started sending before
    /// <paramref name="leaseStartedBefore"/> and never recorded an outcome. False when it is no longer sending, or
    /// started later (perhaps still in progress elsewhere).</summary>
    public async Task<bool> RecordInterruptedAsync(Guid replyId, string reason, DateTimeOffset leaseStartedBefore, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(RecordInterrupted, new
        {
            replyId,
            code = InterruptedCode,
            reason,
            rank = DeliveryProgress.Rank(DeliveryProgress.Failed),
            leaseStartedBefore,
            now,
        }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Replies left pending since before <paramref name="pendingBefore"/> (stored, but their command may
    /// never have reached the bus) and replies sending since before <paramref name="sendingBefore"/> (their worker
    /// stopped mid-send), oldest first.</summary>
    public async Task<IReadOnlyList<StalledReply>> StalledAsync(DateTimeOffset pendingBefore, DateTimeOffset sendingBefore, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<StalledReply>(new CommandDefinition(SelectStalled,
            new { pendingBefore, sendingBefore, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Takes a reply still pending since before <paramref name="pendingBefore"/> for republishing; false
    /// when it has moved on or another worker took it first.</summary>
    public async Task<bool> ClaimForRepublishAsync(Guid replyId, DateTimeOffset pendingBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(ClaimForRepublish, new { replyId, pendingBefore, now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The thread, text and time of a stored reply, to publish its command again; null if it is not on record.</summary>
    public async Task<(ReplyThread Thread, string Text, DateTimeOffset SentAt)?> FindReplyAsync(Guid replyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var reply = await connection.QuerySingleOrDefaultAsync<StoredReplyText>(new CommandDefinition(SelectReplyText,
            new { replyId }, cancellationToken: cancellationToken));
        if (reply is null)
        {
            return null;
        }

        var thread = await connection.QuerySingleOrDefaultAsync<ReplyThread>(new CommandDefinition(SelectThread,
            new { id = reply.ConversationId }, cancellationToken: cancellationToken));
        return thread is null ? null : (thread, reply.Text, reply.SentAt);
    }

    public async Task RecordSentAsync(Guid replyId, string providerMessageId, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RecordSent,
            new { replyId, providerMessageId, status, rank = DeliveryProgress.Rank(status), now }, cancellationToken: cancellationToken));
    }

    public async Task RecordFailedAsync(Guid replyId, string code, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RecordFailed,
            new { replyId, code, reason, rank = DeliveryProgress.Rank(DeliveryProgress.Failed), now }, cancellationToken: cancellationToken));
    }

    /// <summary>Moves an outbound message forward to <paramref name="status"/>; a report that would move it back is
    /// ignored. Returns whether anything changed.</summary>
    public async Task<bool> ApplyStatusAsync(string channel, string providerMessageId, Guid? replyId, string status, string? errorCode,
        string? errorReason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rank = DeliveryProgress.Rank(status);
        var rows = replyId is { } id
            ? await connection.ExecuteAsync(new CommandDefinition(ApplyStatusByReply,
                new { replyId = id, status, rank, errorCode, errorReason, now }, cancellationToken: cancellationToken))
            : await connection.ExecuteAsync(new CommandDefinition(ApplyStatusByProviderId,
                new { channel, providerMessageId, status, rank, errorCode, errorReason, now }, cancellationToken: cancellationToken));
        return rows > 0;
    }
}

/// <summary>What a reply needs to know about its conversation's thread.</summary>
public sealed record ReplyThread
{
    public Guid ConversationId { get; init; }
    public string Channel { get; init; } = "";
    public string ChannelAccount { get; init; } = "";
    public string CustomerAddress { get; init; } = "";
    public string? LastCustomerMessageId { get; init; }
    public DateTimeOffset? LastCustomerMessageAt { get; init; }
    public string? LastCustomerMessageSubject { get; init; }

    /// <summary>The References of the customer's newest message, space-separated, oldest first.</summary>
    public string? LastCustomerMessageReferences { get; init; }

    /// <summary>The command that hands the reply to the channel's worker.</summary>
    public SendReply ToCommand(Guid replyId, string text, DateTimeOffset requestedAt) => new()
    {
        ReplyId = replyId,
        ConversationId = ConversationId,
        Channel = Channel,
        ChannelAccount = ChannelAccount,
        CustomerAddress = CustomerAddress,
        Text = text,
        LastCustomerMessageId = LastCustomerMessageId,
        LastCustomerMessageAt = LastCustomerMessageAt,
        LastCustomerMessageSubject = LastCustomerMessageSubject,
        LastCustomerMessageReferences = LastCustomerMessageReferences?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        RequestedAt = requestedAt,
    };
}

/// <summary>Where a reply stands in its sending.</summary>
public sealed record ReplyState
{
    public static readonly ReplyState Started = new() { DeliveryStatus = DeliveryProgress.Sending, JustStarted = true };
    public static readonly ReplyState Unknown = new() { DeliveryStatus = "" };

    public string ProviderMessageId { get; init; } = "";
    public string DeliveryStatus { get; init; } = "";
    public string? DeliveryErrorCode { get; init; }
    public string? DeliveryError { get; init; }

    /// <summary>True when this call moved the reply from pending to sending.</summary>
    public bool JustStarted { get; init; }
}

internal sealed record StoredReplyText
{
    public Guid ConversationId { get; init; }
    public string Text { get; init; } = "";
    public DateTimeOffset SentAt { get; init; }
}

/// <summary>A reply that has waited too long in <c>pending</c> or <c>sending</c>.</summary>
public sealed record StalledReply
{
    public Guid ReplyId { get; init; }
    public Guid ConversationId { get; init; }
    public string Channel { get; init; } = "";
    public string DeliveryStatus { get; init; } = "";
}
