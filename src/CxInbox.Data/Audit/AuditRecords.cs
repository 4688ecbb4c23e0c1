namespace CxInbox.Data.Audit;

/// <summary>The actions a supervisor can take, as <c>audit_log.action</c> names them.</summary>
public static class AuditActions
{
    public const string ConversationMoved = "conversation.moved";
    public const string AgentCapacityChanged = "agent.capacity-changed";
    public const string AgentPaused = "agent.paused";
    public const string AgentResumed = "agent.resumed";
    public const string TeamRebalanced = "team.rebalanced";
    public const string TeamLeadSet = "team.lead-set";
    public const string CustomersMerged = "customer.merged";
    public const string CustomerSplit = "customer.split";

    public static IReadOnlyList<string> All { get; } =
        [ConversationMoved, AgentCapacityChanged, AgentPaused, AgentResumed, TeamRebalanced, TeamLeadSet, CustomersMerged, CustomerSplit];
}

/// <param name="Actor">The authenticated principal's name, e.g. the API key's name.</param>
/// <param name="Details">What changed, as JSON, e.g. the old and new capacity or the moves of a rebalance.</param>
public sealed record AuditEntry(string Actor, string Action, string TargetType, string TargetId, string Reason, string? Details);

/// <summary>A row of <c>audit_log</c>; settable properties so that Dapper converts SQLite's integers and text.</summary>
public sealed record AuditRecord
{
    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string TargetType { get; init; } = "";
    public string TargetId { get; init; } = "";
    public string Reason { get; init; } = "";
    public string? Details { get; init; }
}

public sealed record AuditFilter(DateTimeOffset? Since, string? Action, int Page, int PageSize);

public sealed record AuditPage(IReadOnlyList<AuditRecord> Items, int Page, int PageSize, long Total);
