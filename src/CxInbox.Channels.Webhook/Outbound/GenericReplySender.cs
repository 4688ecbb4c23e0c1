using System.Net.Http.Headers;
using System.Text.Json;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Webhook.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CxInbox.Channels.Webhook.Outbound;

/// <summary>
/// POSTs agents' replies to <c>Channels:Webhook:ReplyUrl</c> as JSON signed with <c>X-CxInbox-Signature</c>; the
/// receiver's <c>{"id": "..."}</c> is the provider message id. Every call goes through one
/// <see cref="ProviderResilience"/> pipeline (one per sender, so its circuit breaker sees every call).
/// </summary>
public sealed class GenericReplySender(HttpClient http, IOptionsMonitor<WebhookOptions> options, TimeProvider clock, ILogger<GenericReplySender> logger)
    : IReplySender
{
    // 429, 5xx, timeouts and lost connections are retried even though the receiver may already have processed the
    // request: every attempt carries the same replyId, which the receiver is documented to dedupe on.
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline =
        ProviderResilience.Create(ProviderResilience.IsTransientFailure, options.CurrentValue.Resilience, clock);

    /// <summary>How much of the receiver's <c>error</c> text the agent is shown.</summary>
    public const int MaxErrorLength = 300;

    public string Channel => GenericWebhook.Channel;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var current = options.CurrentValue;
        if (current.ReplyUrl.Length == 0 || current.Secret.Length == 0)
        {
            return new SendOutcome.Failed("not_configured",
                "Replies on the webhook channel are not configured on this server (Channels:Webhook:ReplyUrl or Secret is empty).", IsPermanent: true);
        }

        var endpoint = new Uri(current.ReplyUrl, UriKind.Absolute);
        var body = RequestBody(reply);
        var signature = WebhookSignature.Compute(current.Secret, body);
        try
        {
            using var response = await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };
                request.Headers.Add(WebhookSignature.HeaderName, signature);
                return await http.SendAsync(request, token);
            }, cancellationToken);

            return await OutcomeAsync(reply, response, cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new SendOutcome.Failed("timeout", "The receiving system did not answer in time, even after retrying.", IsPermanent: false);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Webhook reply {ReplyId}: the reply URL is unreachable ({Error})", reply.ReplyId, e.HttpRequestError);
            return new SendOutcome.Failed("network", "The receiving system could not be reached, even after retrying.", IsPermanent: false);
        }
        catch (BrokenCircuitException)
        {
            return new SendOutcome.Failed("circuit_open",
                "The receiving system has been failing for every reply in the last minutes, so this one was not tried; send it again shortly.",
                IsPermanent: false);
        }
    }

    /// <summary>The body POSTed to the reply URL: <c>replyId</c>, <c>conversationId</c>, <c>account</c>, <c>to</c>,
    /// <c>text</c>.</summary>
    public static byte[] RequestBody(OutboundReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("replyId", reply.ReplyId);
            json.WriteString("conversationId", reply.ConversationId);
            json.WriteString("account", reply.ChannelAccount);
            json.WriteString("to", reply.CustomerAddress);
            json.WriteString("text", reply.Text);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task<SendOutcome> OutcomeAsync(OutboundReply reply, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            // The receiver took the reply; without an id of its own, our reply id is the only key there is.
            return new SendOutcome.Sent(StringField(answer, "id") ?? reply.ReplyId.ToString(), "sent");
        }

        var permanent = !ProviderResilience.IsTransientStatus(response.StatusCode);
        logger.LogWarning("Webhook reply {ReplyId} refused with HTTP {Status}", reply.ReplyId, status);
        var said = StringField(answer, "error") is { } error ? $": {Shortened(error)}" : ".";
        return new SendOutcome.Failed($"http_{status}",
            permanent
                ? $"The receiving system refused the reply (HTTP {status}){said}"
                : $"The receiving system kept failing (HTTP {status}), even after retrying{said}",
            permanent);
    }

    // The agent reads the receiver's error text; a stack trace or an HTML page would drown the reason.
    private static string Shortened(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength] + "…";

    private static string? StringField(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(value.GetString())
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
