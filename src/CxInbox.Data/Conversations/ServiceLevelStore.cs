using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>The SQL that watches the first-response clock of conversations. The clock starts with the customer's
/// message, in the one update that message makes (ConversationStore.SaveRoutingAsync), to spare a round trip.</summary>
public sealed class ServiceLevelStore
{
    // One statement marks and returns: with several routers, each breach is claimed by exactly one of them.
    private const string ClaimBreaches = """
        UPDATE conversations SET sla_breached_at = @now
        WHERE response_due_at <= @now AND sla_breached_at IS NULL AND status <> 'resolved'
        RETURNING id AS conversation_id, customer_id, channel, assignee_id, team, response_due_at AS due_at
        """;

    /// <summary>Marks every conversation whose answer is overdue as breached, and returns them.</summary>
    public async Task<IReadOnlyList<OverdueConversation>> ClaimBreachesAsync(StoreTransaction tx, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return [.. await tx.Connection.QueryAsync<OverdueConversation>(new CommandDefinition(ClaimBreaches, new { now }, tx.Transaction, cancellationToken: cancellationToken))];
    }
}

public sealed record OverdueConversation
{
    public Guid ConversationId { get; init; }
    public Guid CustomerId { get; init; }
    public string Channel { get; init; } = "";
    public Guid? AssigneeId { get; init; }
    public string? Team { get; init; }
    public DateTimeOffset DueAt { get; init; }
}
