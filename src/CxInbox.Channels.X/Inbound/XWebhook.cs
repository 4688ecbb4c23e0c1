using System.Text.Json;
using CxInbox.Channels.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.X.Inbound;

/// <summary>
/// X's webhook at <c>/webhooks/x</c> (shared/reference/channels.md §3.1–3.5): the CRC challenge on GET, signed
/// AAA or XAA events on POST. DMs become <see cref="XChannels.DirectMessages"/> messages, posts that mention or
/// answer the brand become <see cref="XChannels.Posts"/> messages.
/// </summary>
public sealed class XWebhook(IOptionsMonitor<XOptions> options, TimeProvider clock, ILogger<XWebhook> logger) : IWebhookChannel
{
    private static readonly WebhookOutcome Forbidden = new WebhookOutcome.Rejected(403, "The request signature could not be verified.");

    public string Route => "x";

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(request.Method switch
        {
            "GET" => AnswerChallenge(request),
            "POST" => Receive(request),
            _ => new WebhookOutcome.Rejected(405, "X webhooks are GET (CRC challenge) or POST (events)."),
        });
    }

    private WebhookOutcome AnswerChallenge(WebhookRequest request)
    {
        var token = CrcToken(request.PublicUrl);
        if (string.IsNullOrEmpty(token))
        {
            return new WebhookOutcome.Rejected(400, "A GET to the X webhook must carry a crc_token query parameter.");
        }

        var secret = options.CurrentValue.ConsumerSecret;
        if (secret.Length == 0)
        {
            // A wrong answer would mark the webhook invalid at X; no answer at all is the honest one.
            logger.LogWarning("X CRC challenge refused: Channels:X:ConsumerSecret is not configured");
            return Forbidden;
        }

        return new WebhookOutcome.Challenge(new WebhookResponse("application/json", XWebhookSignature.CrcResponseBody(secret, token)));
    }

    private WebhookOutcome Receive(WebhookRequest request)
    {
        var account = options.CurrentValue;
        if (account.ConsumerSecret.Length == 0)
        {
            logger.LogWarning("X webhook refused: Channels:X:ConsumerSecret is not configured, nothing can be verified");
            return Forbidden;
        }

        // Verified over the raw bytes, before anything is parsed (channels.md §0 rule 1).
        if (!XWebhookSignature.IsValid(account.ConsumerSecret, request.Body.Span, request.Header(XWebhookSignature.HeaderName)))
        {
            logger.LogWarning("X webhook refused: {Header} is missing or does not match the body", XWebhookSignature.HeaderName);
            return Forbidden;
        }

        if (!WebhookJson.TryParse(request.Body, out var document, out var reason))
        {
            return new WebhookOutcome.Rejected(400, $"The body is not valid JSON: {reason}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new WebhookOutcome.Rejected(400, "The body must be a JSON object.");
            }

            return new XEventReader(account.AccountId, clock, logger).Read(document.RootElement);
        }
    }

    /// <summary>The decoded <c>crc_token</c> of the URL X called: X percent-encodes it, and signs the decoded value.</summary>
    private static string? CrcToken(string publicUrl)
    {
        var query = publicUrl.Split('#', 2)[0].Split('?', 2) is [_, var q] ? q : "";
        return QueryHelpers.ParseQuery(query).TryGetValue("crc_token", out var values) ? values.FirstOrDefault() : null;
    }
}
