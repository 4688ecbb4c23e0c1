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
}
