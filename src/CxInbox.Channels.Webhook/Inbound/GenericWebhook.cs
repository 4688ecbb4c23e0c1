using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Webhook.Inbound;

/// <summary>
/// The generic signed webhook at <c>/webhooks/generic</c>: an in-house system POSTs its customers' messages as JSON,
/// signed with <c>X-CxInbox-Signature</c> (docs/integrators.md, "The worked example"). Verify, then parse, in this
/// one method (STYLE.md §5).
/// </summary>
public sealed class GenericWebhook(IOptionsMonitor<WebhookOptions> options, TimeProvider clock, ILogger<GenericWebhook> logger) : IWebhookChannel
{
    /// <summary>The channel key of these conversations, published in every InteractionReceived.</summary>
    public const string Channel = "webhook";

    /// <summary>What an accepted request is answered with.</summary>
    public static readonly WebhookResponse Received = new("application/json", """{"status":"accepted"}""");

    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request signature could not be verified.");

    public string Route => "generic";

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Handle(request));
    }

    private WebhookOutcome Handle(WebhookRequest request)
    {
        if (request.Method != "POST")
        {
            return new WebhookOutcome.Rejected(405, "The generic webhook takes signed POSTs only.");
        }

        var secret = options.CurrentValue.Secret;
        if (secret.Length == 0)
        {
            logger.LogWarning("Generic webhook refused: Channels:Webhook:Secret is not configured, nothing can be verified");
            return Forbidden;
        }

        if (!WebhookSignature.IsValid(secret, request.Body.Span, request.Header(WebhookSignature.HeaderName)))
        {
            logger.LogWarning("Generic webhook refused: {Header} is missing or does not match the body", WebhookSignature.HeaderName);
            return Forbidden;
        }

        if (request.MediaType != "application/json")
        {
            return new WebhookOutcome.Rejected(415, "The body must be JSON, sent with Content-Type: application/json.");
        }

        if (!GenericBatch.TryRead(request.Body, clock.GetUtcNow(), out var messages, out var error))
        {
            logger.LogWarning("Generic webhook refused as malformed: {Reason}", error);
            return new WebhookOutcome.Rejected(400, error!);
        }

        return new WebhookOutcome.Accepted(messages, Received);
    }
}
