namespace CxInbox.Contracts;

/// <summary>
/// Published by the API role when a supervisor moves a conversation to an agent or back to a team's queue, or a
/// rebalance moves it, after the move is committed. A <see cref="ConversationAssigned"/> or
/// <see cref="ConversationQueued"/> for the new place is published alongside. The routing role reacts by giving
/// freed capacity to waiting conversations.
/// </summary>
public sealed record ConversationMoved
{
    public required Guid ConversationId { get; init; }

    /// <summary>Who had it; null when it was waiting in the queue.</summary>
    public Guid? FromAgentId { get; init; }

    /// <summary>Who has it now; null when it went back to a team's queue.</summary>
    public Guid? ToAgentId { get; init; }

    /// <summary>The team whose queue it went to; null when it went to an agent.</summary>
    public string? ToTeam { get; init; }

    /// <summary>Why, in the supervisor's words or the rebalance's.</summary>
    public required string Reason { get; init; }

    /// <summary>The authenticated principal who moved it.</summary>
    public required string MovedBy { get; init; }

    public required DateTimeOffset MovedAt { get; init; }
}
