using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CxInbox.Channels.Facebook.Outbound;

/// <summary>
/// Sends agents' replies through the Messenger Send API (channels.md §2.6–2.7), choosing <c>RESPONSE</c> or the
/// <c>HUMAN_AGENT</c> tag from when the customer last wrote, and refusing without calling Meta when no window is open.
/// </summary>
public sealed class FacebookReplySender : IReplySender
{
    private readonly HttpClient http;
    private readonly IOptionsMonitor<FacebookOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<FacebookReplySender> logger;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public FacebookReplySender(HttpClient http, IOptionsMonitor<FacebookOptions> options, TimeProvider clock, ILogger<FacebookReplySender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.options = options;
        this.clock = clock;
        this.logger = logger;

        // The Send API has no idempotency key, but resending after a 429, a 5xx or a lost connection is Meta's
        // documented practice; our metadata comes back in the echo, so a duplicate is at least recognisable. A 4xx
        // with a rate-limit or temporary Graph code is retried too: Graph reports those by code, not always with 429.
        pipeline = ProviderResilience.Create(
            outcome => ProviderResilience.IsTransientFailure(outcome)
                || (outcome.Result is { IsSuccessStatusCode: false } response
                    && !GraphFailure.Classify(response.StatusCode, GraphError.TryRead(response), MessagingWindow.Standard).IsPermanent),
            options.CurrentValue.Resilience,
            clock);
    }

    public string Channel => FacebookWebhook.Channel;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var current = options.CurrentValue;
        if (Refusal(reply, current) is { } refused)
        {
            logger.LogWarning("Facebook reply {ReplyId} not sent: {Code}", reply.ReplyId, refused.Code);
            return refused;
        }

        var window = MessagingWindowRule.Decide(reply.LastCustomerMessageAt, clock.GetUtcNow());
        if (window == MessagingWindow.Closed)
        {
            return WindowClosed(reply.LastCustomerMessageAt);
        }

        var uri = MessagesUri(current);
        var body = RequestBody(reply, window);
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri);
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };

                // In a header, not the access_token query parameter Meta's samples use: a URL ends up in logs, traces
                // and exception messages, and the token must never be written anywhere.
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.PageAccessToken);
                var answer = await http.SendAsync(request, token);
                try
                {
                    // The retry predicate reads Graph's error code synchronously from the buffered body.
                    await answer.Content.LoadIntoBufferAsync(token);
                    return answer;
                }
                catch
                {
                    answer.Dispose();
                    throw;
                }
            }, cancellationToken);

            return await OutcomeAsync(reply, window, response, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return Ambiguous(reply, "timeout", "Messenger did not answer in time, even after retrying.");
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Facebook reply {ReplyId}: Graph API unreachable ({Error})", reply.ReplyId, e.HttpRequestError);
            return Ambiguous(reply, "network", "Messenger could not be reached, even after retrying.");
        }
        catch (BrokenCircuitException)
        {
            return new SendOutcome.Failed("circuit_open",
                "Messenger has been failing for every reply in the last minutes, so this one was not tried; send it again shortly.",
                IsPermanent: false);
        }
    }

    private static SendOutcome.Failed? Refusal(OutboundReply reply, FacebookOptions current)
    {
        if (current.PageAccessToken.Length == 0)
        {
            return new("not_configured", "Facebook replies are not configured on this server (Channels:Facebook:PageAccessToken is empty).", IsPermanent: true);
        }

        if (current.PageId.Length > 0 && reply.ChannelAccount != current.PageId)
        {
            // A PSID belongs to one Page: the configured Page's token cannot reach this customer.
            return new("page_not_configured",
                $"This conversation is with Facebook Page {reply.ChannelAccount}, but this server sends as Page {current.PageId} only.", IsPermanent: true);
        }

        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            return new("empty_text", "The reply is empty.", IsPermanent: true);
        }

        // Not split: parts could arrive out of order, and the agent would not see what the customer saw. Counted in
        // UTF-16 units (an emoji counts twice), which errs on the safe side of Meta's 2,000 characters.
        if (reply.Text.Length > FacebookCapabilities.Messenger.MaxReplyLength)
        {
            return new("text_too_long",
                $"Messenger takes at most {FacebookCapabilities.Messenger.MaxReplyLength} characters in one message; this reply has {reply.Text.Length}. Shorten it or send it in several replies.",
                IsPermanent: true);
        }

        return null;
    }

    private static SendOutcome.Failed WindowClosed(DateTimeOffset? lastCustomerMessageAt) => new("window_closed",
        lastCustomerMessageAt is { } last
            ? $"The customer last wrote on {Format(last)}; Messenger allows replies only up to {MessagingWindowRule.HumanAgentWindow.TotalDays:0} days after that (until {Format(last + MessagingWindowRule.HumanAgentWindow)}). A reply is possible again once the customer writes to the Page."
            : "The customer has not written to the Page in this conversation; Messenger only allows replies to people who wrote first.",
        IsPermanent: true);

    private static string Format(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static Uri MessagesUri(FacebookOptions current)
    {
        var page = current.PageId.Length > 0 ? current.PageId : "me";
        var uri = $"{current.GraphBaseUrl.TrimEnd('/')}/{current.GraphApiVersion}/{page}/messages";
        if (current.AppSecret.Length > 0)
        {
            uri += "?appsecret_proof=" + AppSecretProof.Compute(current.AppSecret, current.PageAccessToken);
        }

        return new Uri(uri, UriKind.Absolute);
    }

    /// <summary>The Send API body: recipient, messaging type (and tag), and the text with our reply id as metadata,
    /// which Meta returns in the echo.</summary>
    public static byte[] RequestBody(OutboundReply reply, MessagingWindow window)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("recipient");
            json.WriteString("id", reply.CustomerAddress);
            json.WriteEndObject();
            if (window == MessagingWindow.HumanAgent)
            {
                json.WriteString("messaging_type", "MESSAGE_TAG");
                json.WriteString("tag", "HUMAN_AGENT");
            }
            else
            {
                json.WriteString("messaging_type", "RESPONSE");
            }

            json.WriteStartObject("message");
            json.WriteString("text", reply.Text);
            json.WriteString("metadata", ReplyMetadata.Format(reply.ReplyId));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task<SendOutcome> OutcomeAsync(OutboundReply reply, MessagingWindow window, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            var messageId = await MessageIdAsync(response, ct);
            if (messageId is null)
            {
                logger.LogWarning("Facebook reply {ReplyId}: HTTP {Status} without a message_id", reply.ReplyId, (int)response.StatusCode);
                return new SendOutcome.Failed("unexpected_response",
                    "Messenger accepted the reply but did not say which message it became; the customer has probably received it. Check before sending it again.",
                    IsPermanent: true);
            }

            return new SendOutcome.Sent(messageId, "sent");
        }

        var error = GraphError.TryRead(response);
        var failed = GraphFailure.Classify(response.StatusCode, error, window);
        if (error?.Code == 190)
        {
            logger.LogError("Facebook Page access token refused by Meta (Graph {Code}, trace {TraceId}): reconnect the Page", error.CodeText, error.TraceId);
        }
        else
        {
            logger.LogWarning("Facebook reply {ReplyId} refused: HTTP {Status}, Graph {Code}, trace {TraceId}, permanent {IsPermanent}",
                reply.ReplyId, (int)response.StatusCode, failed.Code, error?.TraceId, failed.IsPermanent);
        }

        return failed;
    }

    private static async Task<string?> MessageIdAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message_id", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } messageId
                    ? messageId
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Meta may have delivered a send whose answer we never saw: its echo then carries our metadata, and the webhook
    // reports that message as sent.
    private SendOutcome.Failed Ambiguous(OutboundReply reply, string code, string what)
    {
        logger.LogWarning("Facebook reply {ReplyId} failed: {Code}", reply.ReplyId, code);
        return new SendOutcome.Failed(code,
            $"{what} The customer may or may not have received the reply; check the conversation on Messenger before sending it again.",
            IsPermanent: false);
    }
}
