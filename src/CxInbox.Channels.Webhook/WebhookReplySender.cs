using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Options;
using Polly;

namespace CxInbox.Channels.Webhook;

/// <summary>Sends agents' replies through Webhook's API, every call through one <see cref="ProviderResilience"/>
/// pipeline (one per sender, so its circuit breaker sees every call).</summary>
public sealed class WebhookReplySender(HttpClient http, IOptionsMonitor<WebhookOptions> options, TimeProvider clock) : IReplySender
{
    // Retry only what Webhook cannot have processed, unless it takes an idempotency key (send reply.ReplyId as one).
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline =
        ProviderResilience.Create(ProviderResilience.IsTransientFailure, options.CurrentValue.Resilience, clock);

    public string Channel => WebhookWebhook.Channel;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var endpoint = new Uri(options.CurrentValue.ApiBaseUrl.TrimEnd('/') + "/");
        using var response = await pipeline.ExecuteAsync(
            async token => await http.PostAsync(endpoint, SendRequestBody(reply), token), cancellationToken);

        // Next: map the answer to Sent(Webhook's message id, status) or Failed(code, a reason the agent can act on,
        // isPermanent), and catch the pipeline's TimeoutRejectedException, BrokenCircuitException and
        // HttpRequestException into a Failed that is not permanent. Never throw for a provider's answer.
        throw new NotImplementedException($"WebhookReplySender.SendAsync: map Webhook's answer (HTTP {(int)response.StatusCode}).");
    }

    private static HttpContent SendRequestBody(OutboundReply reply) =>
        throw new NotImplementedException($"WebhookReplySender: the body Webhook's send endpoint takes, for reply {reply.ReplyId}.");
}
