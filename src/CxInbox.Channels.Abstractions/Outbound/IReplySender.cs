namespace CxInbox.Channels.Outbound;

/// <summary>
/// Delivers agents' replies on one channel. Retries of transient provider failures happen inside
/// <see cref="SendAsync"/> (with the pipeline from <c>ProviderResilience</c> in the CxInbox.Channels kit); what it returns is final for
/// this attempt. It must not throw for a provider's answer: a refusal is <see cref="SendOutcome.Failed"/>.
/// </summary>
public interface IReplySender
{
    /// <summary>The channel key this sender serves, e.g. <c>sms</c>.</summary>
    string Channel { get; }

    Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken);
}
