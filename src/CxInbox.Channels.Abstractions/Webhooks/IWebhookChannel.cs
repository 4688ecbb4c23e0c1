namespace CxInbox.Channels.Webhooks;

/// <summary>
/// A channel that receives provider webhooks at <c>/webhooks/{Route}</c>. The adapter resolves the provider
/// account, checks the signature and parses, all in <see cref="HandleAsync"/>, so the lookup used to verify and the
/// one used to parse can never disagree.
/// </summary>
public interface IWebhookChannel
{
    /// <summary>The path under <c>/webhooks/</c>, e.g. <c>twilio/sms</c>.</summary>
    string Route { get; }

    Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken);
}
