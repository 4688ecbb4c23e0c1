namespace CxInbox.Contracts;

/// <summary>
/// A customer's message, verified and normalised by a channel adapter. Published by the ingress role once the
/// provider's request is authentic, before the provider gets its 2xx. Consumers must tolerate redelivery and
/// duplicates: the key is <see cref="Channel"/> + <see cref="ChannelAccount"/> + <see cref="ProviderMessageId"/>.
/// </summary>
public sealed record InteractionReceived
{
    /// <summary>Our id for this delivery of the message; a duplicate from the provider gets a new one.</summary>
    public required Guid InteractionId { get; init; }

    /// <summary>Lower-case channel key, e.g. <c>sms</c>, <c>email</c>, <c>facebook</c>, <c>x</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Our side of the conversation on that channel: our phone number, Page id, mailbox or account id.</summary>
    public required string ChannelAccount { get; init; }

    /// <summary>The provider's id for the message (Twilio <c>MessageSid</c>, Messenger <c>mid</c>, …).</summary>
    public required string ProviderMessageId { get; init; }

    /// <summary>The customer's address on the channel: E.164 phone number, e-mail address, PSID or X user id.</summary>
    public required string CustomerAddress { get; init; }

    /// <summary>The customer's name when the channel tells it; null otherwise (SMS never does).</summary>
    public string? CustomerName { get; init; }

    /// <summary>The message text as the customer wrote it; empty for a message that only carries attachments.</summary>
    public required string Text { get; init; }

    /// <summary>When the provider says the message was sent, or when we received it if the provider does not say (UTC).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Media the customer attached, as references to the provider's copy.</summary>
    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>The whole text when <see cref="Text"/> is a shortened view for the agent (an e-mail without its quoted
    /// history and signature); null when nothing was left out.</summary>
    public string? FullText { get; init; }

    /// <summary>The subject line, for channels that have one (e-mail); null otherwise.</summary>
    public string? Subject { get; init; }

    /// <summary>The provider id of the message this one answers (e-mail <c>In-Reply-To</c>); null when unknown. The
    /// router joins the conversation that holds a message with this id, inbound or ours.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>The provider ids of earlier messages on the thread, oldest first (e-mail <c>References</c>); used
    /// after <see cref="InReplyTo"/>, newest first.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The token our own outbound message carried and the customer's answer quotes back (the e-mail subject
    /// tag <c>[#CX-1a2b3c4d]</c> gives <c>1a2b3c4d</c>): the last characters of the conversation id, lower-case hex.
    /// Null when the message carries none.</summary>
    public string? ConversationToken { get; init; }

    /// <summary>Null for a message a person wrote. Otherwise what sent it: <c>auto-reply</c> (out of office),
    /// <c>bulk</c> (lists, newsletters), <c>delivery-status</c> (a bounce) or <c>read-receipt</c>. Such a message is
    /// recorded on the conversation it belongs to but never opens one, never counts as the customer's reply and is
    /// never answered automatically.</summary>
    public string? Automated { get; init; }
}
