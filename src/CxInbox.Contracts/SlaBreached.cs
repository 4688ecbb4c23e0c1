namespace CxInbox.Contracts;

/// <summary>
/// Published by the routing role when a customer has waited longer than the channel's first-response target for an
/// agent's answer. Once per wait: the next breach of the same conversation comes after an agent has answered and the
/// customer waits again. Delivered at least once: dedupe on conversation id + due at.
/// </summary>
public sealed record SlaBreached
{
    public required Guid ConversationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Channel { get; init; }

    /// <summary>The agent the conversation was with when the target passed; null when it was waiting in a queue.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The team the routing table sent the conversation to, when it names one.</summary>
    public string? Team { get; init; }

    /// <summary>When the answer was due: the customer's first unanswered message plus the target.</summary>
    public required DateTimeOffset DueAt { get; init; }

    public required DateTimeOffset BreachedAt { get; init; }
}
