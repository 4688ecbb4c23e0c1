namespace CxInbox.Contracts;

/// <summary>
/// Command, published by the API role when an agent replies: deliver <see cref="Text"/> to the customer on the
/// conversation's channel. The channel's worker answers with <see cref="ReplySent"/> or <see cref="ReplyFailed"/>.
/// May be delivered more than once: <see cref="ReplyId"/> is the idempotency key, and a worker that has already sent
/// a reply publishes the recorded outcome instead of sending it again.
/// </summary>
public sealed record SendReply
{
    public required Guid ReplyId { get; init; }
    public required Guid ConversationId { get; init; }

    /// <summary>Lower-case channel key of the conversation, e.g. <c>sms</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Our side of the thread: the number, Page or account the customer wrote to.</summary>
    public required string ChannelAccount { get; init; }

    /// <summary>The customer's address on the channel (E.164, PSID, X user id, e-mail address).</summary>
    public required string CustomerAddress { get; init; }

    public required string Text { get; init; }

    /// <summary>The provider's id of the customer's newest message on the thread, for channels that reply to a
    /// message (an X post); null when the customer has not written on this thread.</summary>
    public string? LastCustomerMessageId { get; init; }

    /// <summary>When the customer last wrote on the thread, for channels with a reply window (Messenger's 24 hours).</summary>
    public DateTimeOffset? LastCustomerMessageAt { get; init; }

    /// <summary>The subject of the customer's newest message, for channels with subjects (e-mail); null otherwise.</summary>
    public string? LastCustomerMessageSubject { get; init; }

    /// <summary>The <see cref="InteractionReceived.References"/> of the customer's newest message, oldest first, so
    /// that an e-mail reply carries the whole thread; empty otherwise.</summary>
    public IReadOnlyList<string> LastCustomerMessageReferences { get; init; } = [];

    public required DateTimeOffset RequestedAt { get; init; }
}
