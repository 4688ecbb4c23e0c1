using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Acme;

/// <summary>Acme's webhook at <c>/webhooks/CHANNEL_KEY</c>: verify, then parse, in this one method (STYLE.md §5).
/// Take a <see cref="TimeProvider"/> too when Acme's events carry no time of their own.</summary>
public sealed class AcmeWebhook(IOptionsMonitor<AcmeOptions> options) : IWebhookChannel
{
    /// <summary>The channel key of Acme conversations: lower case, published in every InteractionReceived.</summary>
    public const string Channel = "CHANNEL_KEY";

    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request signature could not be verified.");

    public string Route => "CHANNEL_KEY";

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var secret = options.CurrentValue.WebhookSecret;
        if (secret.Length == 0)
        {
            return Task.FromResult(Forbidden);
        }

        // Next: check Acme's signature header over request.Body with the secret (Forbidden when missing or wrong),
        // then read the body into InteractionReceived messages, in the order Acme sent them (Rejected 400 with the
        // reason when it is not Acme's shape). docs/integrators.md walks through it.
        throw new NotImplementedException("AcmeWebhook.HandleAsync: verify Acme's signature, then parse the body.");
    }
}
