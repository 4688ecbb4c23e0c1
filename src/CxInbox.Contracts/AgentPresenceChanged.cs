namespace CxInbox.Contracts;

/// <summary>
/// Published by the API role when an agent's presence changes. The routing role reacts to an agent coming online
/// by giving them waiting conversations.
/// </summary>
public sealed record AgentPresenceChanged
{
    public required Guid AgentId { get; init; }

    /// <summary><c>online</c>, <c>away</c> or <c>offline</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
