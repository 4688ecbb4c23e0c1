namespace CxInbox.Contracts;

/// <summary>
/// Published by the ingress role when a customer opts out of (or back into) messages from one of our accounts, e.g.
/// an SMS that says STOP or START. Nothing is sent to an opted-out customer on that thread, and the agent is told why.
/// </summary>
public sealed record ContactConsentChanged
{
    public required string Channel { get; init; }
    public required string ChannelAccount { get; init; }
    public required string CustomerAddress { get; init; }
    public required bool OptedOut { get; init; }

    /// <summary>What the customer wrote that changed it, e.g. <c>STOP</c>.</summary>
    public required string Keyword { get; init; }

    /// <summary>The provider's id of the message that carried the keyword.</summary>
    public required string ProviderMessageId { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
