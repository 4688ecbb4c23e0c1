namespace CxInbox.Contracts;

/// <summary>Published by a channel worker when a reply could not be sent, after its retries. The reason is written
/// for the agent.</summary>
public sealed record ReplyFailed
{
    public required Guid ReplyId { get; init; }
    public required Guid ConversationId { get; init; }
    public required string Channel { get; init; }

    /// <summary>The provider's error code (Twilio <c>21610</c>, a Graph error code, an HTTP status), or ours.</summary>
    public required string Code { get; init; }

    public required string Reason { get; init; }

    /// <summary>True when sending again cannot help (invalid number, opted out, window closed).</summary>
    public required bool IsPermanent { get; init; }

    /// <summary>True when the provider says the customer has opted out of messages from us on this channel.</summary>
    public bool RecipientOptedOut { get; init; }

    public required DateTimeOffset FailedAt { get; init; }
}
