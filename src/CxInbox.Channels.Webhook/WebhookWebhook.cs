using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Webhook;

/// <summary>Webhook's webhook at <c>/webhooks/webhook</c>: verify, then parse, in this one method (STYLE.md §5).
/// Take a <see cref="TimeProvider"/> too when Webhook's events carry no time of their own.</summary>
public sealed class WebhookWebhook(IOptionsMonitor<WebhookOptions> options) : IWebhookChannel
{
    /// <summary>The channel key of Webhook conversations: lower case, published in every InteractionReceived.</summary>
    public const string Channel = "webhook";

    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request signature could not be verified.");

    public string Route => "webhook";

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = options.CurrentValue.WebhookSecret;
        if (secret.Length == 0)
        {
            return Task.FromResult(Forbidden);
        }

        // Next: check Webhook's signature header over request.Body with the secret (Forbidden when missing or wrong),
        // then read the body into InteractionReceived messages, in the order Webhook sent them (Rejected 400 with the
        // reason when it is not Webhook's shape). docs/integrators.md walks through it.
        throw new NotImplementedException("WebhookWebhook.HandleAsync: verify Webhook's signature, then parse the body.");
    }
}
