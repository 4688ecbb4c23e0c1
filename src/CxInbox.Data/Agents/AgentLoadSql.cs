namespace CxInbox.Data.Agents;

/// <summary>
/// The one place where an agent's load changes. An agent carries one load figure across all channels,
/// <c>agents.load_hundredths</c>: the sum of the stored weights (<c>conversations.weight_hundredths</c>) of the
/// conversations they hold, compared with <c>capacity * 100</c>; <c>open_conversations</c> counts the same
/// conversations. A claim adds a conversation's stored weight and its release takes the same stored figure away, so
/// a change of <c>Routing:ChannelWeights</c> never makes a load drift or go negative.
/// </summary>
internal static class AgentLoadSql
{
    // The capacity check and the increment are one statement: two routers claiming the last free slot cannot both win
    // (PostgreSQL re-reads the agent row under its lock before it re-checks the WHERE).
    public const string Claim = """
        UPDATE agents
        SET open_conversations = open_conversations + 1,
            load_hundredths = load_hundredths + (SELECT weight_hundredths FROM conversations WHERE id = @conversationId),
            last_assigned_at = @now
        WHERE id = @id AND presence = 'online'
          AND load_hundredths + (SELECT weight_hundredths FROM conversations WHERE id = @conversationId) <= capacity * 100
        """;

    // The batched router's claim: every agent's share of a batch (@ids, @addedCounts, @addedHundredths, and the time of
    // their last assignment in it) at once, the rows locked in id order (the store's lock order), each share all or
    // nothing, re-checked on the locked row as Claim is.
    public const string ClaimShares = """
        WITH locked AS (
            SELECT a.id, v.added_count, v.added_hundredths, v.last_assigned_at
            FROM agents a JOIN unnest(@ids, @addedCounts, @addedHundredths, @lastAssignedAts) AS v(id, added_count, added_hundredths, last_assigned_at)
                 ON v.id = a.id
            ORDER BY a.id
            FOR NO KEY UPDATE OF a)
        UPDATE agents
        SET open_conversations = open_conversations + locked.added_count,
            load_hundredths = load_hundredths + locked.added_hundredths,
            last_assigned_at = locked.last_assigned_at
        FROM locked
        WHERE agents.id = locked.id AND agents.presence = 'online' AND agents.load_hundredths + locked.added_hundredths <= agents.capacity * 100
        RETURNING agents.id
        """;

    // @count conversations leave the agent, weighing @weightHundredths together as stored on them.
    public const string Release = """
        UPDATE agents
        SET open_conversations = open_conversations - @count,
            load_hundredths = CASE WHEN load_hundredths >= @weightHundredths THEN load_hundredths - @weightHundredths ELSE 0 END
        WHERE id = @agentId AND open_conversations >= @count
        """;

    public static int ToHundredths(decimal weight) => (int)decimal.Round(weight * 100m);

    public static decimal FromHundredths(int hundredths) => hundredths / 100m;
}
