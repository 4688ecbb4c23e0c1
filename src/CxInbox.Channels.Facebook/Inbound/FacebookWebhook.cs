using System.Security.Cryptography;
using System.Text;
using CxInbox.Channels.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Facebook.Inbound;

/// <summary>
/// Meta's Page webhook at <c>/webhooks/facebook</c> (shared/reference/channels.md §2.2–2.5): the GET verification
/// handshake, and signed POSTs of Messenger events.
/// </summary>
public sealed class FacebookWebhook(IOptionsMonitor<FacebookOptions> options, TimeProvider clock, ILogger<FacebookWebhook> logger)
    : IWebhookChannel
{
    /// <summary>The channel key of Messenger conversations.</summary>
    public const string Channel = "facebook";

    /// <summary>What Meta's samples answer; Meta only looks at the 200.</summary>
    public static readonly WebhookResponse EventReceived = new("text/plain", "EVENT_RECEIVED");

    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request could not be verified.");

    public string Route => "facebook";

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(request.Method switch
        {
            "GET" => Handshake(request),
            "POST" => Notification(request),
            _ => new WebhookOutcome.Rejected(405, "Meta's webhooks are a GET handshake and signed POSTs."),
        });
    }

    private WebhookOutcome Handshake(WebhookRequest request)
    {
        var verifyToken = options.CurrentValue.VerifyToken;
        if (verifyToken.Length == 0)
        {
            logger.LogWarning("Facebook verification refused: Channels:Facebook:VerifyToken is not configured");
            return Forbidden;
        }

        // The parameter names contain dots: hub.mode, hub.verify_token, hub.challenge.
        var queryStart = request.PublicUrl.IndexOf('?', StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(queryStart < 0 ? "" : request.PublicUrl[queryStart..]);
        var mode = query.TryGetValue("hub.mode", out var modes) ? modes.ToString() : "";
        var token = query.TryGetValue("hub.verify_token", out var tokens) ? tokens.ToString() : "";
        if (mode != "subscribe" || !SameSecret(token, verifyToken))
        {
            logger.LogWarning("Facebook verification refused: hub.mode is not subscribe or hub.verify_token does not match");
            return Forbidden;
        }

        if (!query.TryGetValue("hub.challenge", out var challenge) || challenge.ToString().Length == 0)
        {
            return new WebhookOutcome.Rejected(400, "hub.challenge is missing.");
        }

        logger.LogInformation("Facebook webhook verification answered");
        return new WebhookOutcome.Challenge(new WebhookResponse("text/plain", challenge.ToString()));
    }

    private WebhookOutcome Notification(WebhookRequest request)
    {
        var current = options.CurrentValue;
        if (current.AppSecret.Length == 0)
        {
            logger.LogWarning("Facebook webhook refused: Channels:Facebook:AppSecret is not configured, nothing can be verified");
            return Forbidden;
        }

        if (!FacebookSignature.IsValid(current.AppSecret, request.Body.Span, request.Header(FacebookSignature.HeaderName)))
        {
            logger.LogWarning("Facebook webhook refused: {Header} is missing or does not match the body", FacebookSignature.HeaderName);
            return Forbidden;
        }

        if (!MessengerBatch.TryRead(request.Body, current.PageId, clock.GetUtcNow(), logger, out var contents, out var error))
        {
            logger.LogWarning("Facebook webhook refused as malformed: {Reason}", error);
            return new WebhookOutcome.Rejected(400, error!);
        }

        return new WebhookOutcome.Accepted(contents.Messages, EventReceived) { Statuses = contents.Statuses };
    }

    // Hashing both first gives equal lengths, so the comparison time tells nothing, not even the token's length.
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
