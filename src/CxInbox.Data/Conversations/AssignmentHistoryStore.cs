using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>Every SQL statement that touches <c>conversation_assignments</c>: each time a conversation got an agent,
/// waited, was re-queued or moved, with the reason. Written in the transaction of the change it records.</summary>
public sealed class AssignmentHistoryStore(Database database)
{
    private const string Insert = """
        INSERT INTO conversation_assignments (conversation_id, occurred_at, kind, agent_id, from_agent_id, team, reason, actor)
        VALUES (@conversationId, @now, @kind, @agentId, @fromAgentId, @team, @reason, @actor)
        """;

    // The router asks again for a waiting conversation on every new message and every queue drain; only the moment it
    // started waiting is news.
    private const string InsertQueuedUnlessWaiting = """
        INSERT INTO conversation_assignments (conversation_id, occurred_at, kind, team, reason)
        SELECT @conversationId, @now, 'queued', @team, @reason
        WHERE COALESCE((SELECT kind FROM conversation_assignments WHERE conversation_id = @conversationId ORDER BY id DESC LIMIT 1), '')
              NOT IN ('queued', 'requeued', 'moved-to-team')
        """;

    private const string SelectHistory = """
        SELECT h.id, h.occurred_at, h.kind, h.agent_id, a.name AS agent_name, h.from_agent_id, f.name AS from_agent_name, h.team, h.reason, h.actor
        FROM conversation_assignments h
        LEFT JOIN agents a ON a.id = h.agent_id
        LEFT JOIN agents f ON f.id = h.from_agent_id
        WHERE h.conversation_id = @conversationId
        ORDER BY h.id
        """;

    private const string SelectLostWithoutReply = """
        SELECT DISTINCT from_agent_id FROM conversation_assignments
        WHERE conversation_id = @conversationId AND kind = 'reassigned-without-reply' AND from_agent_id IS NOT NULL
        """;

    /// <summary>The agents this conversation was taken from because they did not answer.</summary>
    public async Task<IReadOnlyList<Guid>> LostWithoutReplyAsync(StoreTransaction tx, Guid conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return [.. await tx.Connection.QueryAsync<Guid>(new CommandDefinition(SelectLostWithoutReply, new { conversationId }, tx.Transaction, cancellationToken: cancellationToken))];
    }

    public async Task RecordAsync(StoreTransaction tx, AssignmentEvent change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(change);
        await tx.Connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            conversationId = change.ConversationId,
            now,
            kind = change.Kind,
            agentId = change.AgentId,
            fromAgentId = change.FromAgentId,
            team = change.Team,
            reason = change.Reason,
            actor = change.Actor,
        }, tx.Transaction, cancellationToken: cancellationToken));
    }

    public async Task RecordQueuedAsync(StoreTransaction tx, Guid conversationId, string? team, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        await tx.Connection.ExecuteAsync(new CommandDefinition(InsertQueuedUnlessWaiting, new { conversationId, team, reason, now },
            tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Oldest first.</summary>
    public async Task<IReadOnlyList<AssignmentHistoryRecord>> ListAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AssignmentHistoryRecord>(new CommandDefinition(SelectHistory, new { conversationId }, cancellationToken: cancellationToken))];
    }
}

/// <summary>The kinds of <c>conversation_assignments</c> rows.</summary>
public static class AssignmentKinds
{
    /// <summary>The router gave it to an agent.</summary>
    public const string Assigned = "assigned";

    /// <summary>The router found nobody with room.</summary>
    public const string Queued = "queued";

    /// <summary>Its agent went offline; it went back to the queue.</summary>
    public const string Requeued = "requeued";

    /// <summary>A supervisor gave it to an agent.</summary>
    public const string Moved = "moved";

    /// <summary>A supervisor sent it back to a team's queue.</summary>
    public const string MovedToTeam = "moved-to-team";

    /// <summary>A supervisor's rebalance gave it to a less loaded agent.</summary>
    public const string Rebalanced = "rebalanced";

    /// <summary>Its agent did not answer in time; the router gave it to another.</summary>
    public const string ReassignedWithoutReply = "reassigned-without-reply";

    /// <summary>Its agent did not answer in time and nobody else had room: it stays with them and the team lead is told.</summary>
    public const string Escalated = "escalated";

    /// <summary>An agent took it from their team's queue.</summary>
    public const string Claimed = "claimed";

    /// <summary>Its agent handed it to another agent.</summary>
    public const string Transferred = "transferred";

    /// <summary>Its agent sent it back to a team's queue.</summary>
    public const string TransferredToTeam = "transferred-to-team";
}

/// <param name="Actor">Who did it when a person did; null for the router.</param>
public sealed record AssignmentEvent(Guid ConversationId, string Kind, Guid? AgentId, Guid? FromAgentId, string? Team, string Reason, string? Actor = null);

public sealed record AssignmentHistoryRecord
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Kind { get; init; } = "";
    public Guid? AgentId { get; init; }
    public string? AgentName { get; init; }
    public Guid? FromAgentId { get; init; }
    public string? FromAgentName { get; init; }
    public string? Team { get; init; }
    public string Reason { get; init; } = "";
    public string? Actor { get; init; }
}
