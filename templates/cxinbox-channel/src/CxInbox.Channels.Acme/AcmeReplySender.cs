using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Options;
using Polly;

namespace CxInbox.Channels.Acme;

/// <summary>Sends agents' replies through Acme's API, every call through one <see cref="ProviderResilience"/>
/// pipeline (one per sender, so its circuit breaker sees every call).</summary>
public sealed class AcmeReplySender(HttpClient http, IOptionsMonitor<AcmeOptions> options, TimeProvider clock) : IReplySender
{
    // Retry only what Acme cannot have processed, unless it takes an idempotency key (send reply.ReplyId as one).
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline =
        ProviderResilience.Create(ProviderResilience.IsTransientFailure, options.CurrentValue.Resilience, clock);

    public string Channel => AcmeWebhook.Channel;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);

        // What Acme refuses for certain (too long, outside its reply window) is refused without calling it.
        if (AcmeCapabilities.Declared.CheckReply(reply.Text, reply.LastCustomerMessageAt, clock.GetUtcNow()) is { } refusal)
        {
            return new SendOutcome.Failed(refusal.Code, refusal.Reason, IsPermanent: true);
        }

        var endpoint = new Uri(options.CurrentValue.ApiBaseUrl.TrimEnd('/') + "/");
        using var response = await pipeline.ExecuteAsync(
            async token => await http.PostAsync(endpoint, SendRequestBody(reply), token), cancellationToken);

        // Next: map the answer to Sent(Acme's message id, status) or Failed(code, a reason the agent can act on,
        // isPermanent), and catch the pipeline's TimeoutRejectedException, BrokenCircuitException and
        // HttpRequestException into a Failed that is not permanent. Never throw for a provider's answer.
        throw new NotImplementedException($"AcmeReplySender.SendAsync: map Acme's answer (HTTP {(int)response.StatusCode}).");
    }

    private static HttpContent SendRequestBody(OutboundReply reply) =>
        throw new NotImplementedException($"AcmeReplySender: the body Acme's send endpoint takes, for reply {reply.ReplyId}.");
}
