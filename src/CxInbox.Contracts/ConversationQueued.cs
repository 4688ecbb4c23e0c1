namespace CxInbox.Contracts;

/// <summary>
/// Published by the routing role when a conversation has a new customer message but no agent can take it now; it
/// waits in the queue and a <see cref="ConversationAssigned"/> follows when capacity frees up. Also published by the
/// API role when a supervisor sends a conversation back to a team's queue (with <see cref="ConversationMoved"/>).
/// </summary>
public sealed record ConversationQueued
{
    public required Guid ConversationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Channel { get; init; }

    /// <summary>Why nobody could take it, in words a supervisor can read.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }
}
