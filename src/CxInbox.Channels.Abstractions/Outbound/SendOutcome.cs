namespace CxInbox.Channels.Outbound;

/// <summary>What became of a send, as the provider answered it.</summary>
public abstract record SendOutcome
{
    /// <param name="ProviderMessageId">The provider's id, the key its status reports carry.</param>
    /// <param name="Status">The delivery state on acceptance, e.g. <c>queued</c>.</param>
    public sealed record Sent(string ProviderMessageId, string Status) : SendOutcome;

    /// <param name="Code">The provider's error code, or an HTTP status, or one of ours (e.g. <c>window_closed</c>).</param>
    /// <param name="Reason">Written for the agent.</param>
    /// <param name="IsPermanent">True when sending again cannot help.</param>
    /// <param name="RecipientOptedOut">True when the provider says the customer opted out of our messages.</param>
    public sealed record Failed(string Code, string Reason, bool IsPermanent, bool RecipientOptedOut = false) : SendOutcome;
}
