namespace CxInbox.Contracts;

/// <summary>
/// Published when a conversation's status changes with no assignment behind it: by the API role when an agent sets
/// it aside (<c>snoozed</c> until a time, or <c>pending</c> until the customer writes), and by the routing role when
/// a snooze ends (<c>open</c> again, with the same agent). Resolving publishes <see cref="ConversationResolved"/>
/// instead, and a customer message that reopens or wakes a conversation publishes <see cref="ConversationAssigned"/>
/// or <see cref="ConversationQueued"/>.
/// </summary>
public sealed record ConversationStatusChanged
{
    public required Guid ConversationId { get; init; }

    /// <summary>The agent who has it (setting aside keeps the agent), if any.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The new status: <c>open</c>, <c>pending</c> or <c>snoozed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When a snoozed conversation comes back by itself; null for other statuses.</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
