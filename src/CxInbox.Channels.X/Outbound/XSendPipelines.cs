using CxInbox.Channels.Outbound;
using Microsoft.Extensions.Options;
using Polly;

namespace CxInbox.Channels.X.Outbound;

/// <summary>
/// One resilience pipeline per X sender, held for the life of the process so that each circuit breaker sees every
/// call of its sender. DMs and posts get their own: their rate limits differ (15 DMs against 100 posts per 15
/// minutes), and a DM limit reached must not stop public replies.
/// </summary>
public sealed class XSendPipelines
{
    public XSendPipelines(IOptions<XOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var resilience = options.Value.Resilience;

        // X delivers every DM request it accepts, repeats included: after a timeout or a 500 the customer may already have it, and
        // a retry would send it twice. Those end as a failure that tells the agent to check the conversation first.
        DirectMessages = ProviderResilience.Create(
            outcome => XRetryPolicy.ShouldRetry(outcome, retryWhenPerhapsDone: false, clock.GetUtcNow(), resilience.MaxDelay),
            resilience, clock);

        // X refuses a post that repeats the text of one the account has just made (403 "duplicate content"), so a
        // retry after a timeout cannot put the same reply up twice; that 403 then means the first attempt went through.
        PostReplies = ProviderResilience.Create(
            outcome => XRetryPolicy.ShouldRetry(outcome, retryWhenPerhapsDone: true, clock.GetUtcNow(), resilience.MaxDelay),
            resilience, clock);
    }

    internal ResiliencePipeline<HttpResponseMessage> DirectMessages { get; }

    internal ResiliencePipeline<HttpResponseMessage> PostReplies { get; }
}
