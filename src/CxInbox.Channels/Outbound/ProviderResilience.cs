using System.Globalization;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CxInbox.Channels.Outbound;

/// <summary>
/// The one Polly pipeline shape every provider call goes through: a timeout per attempt, a circuit breaker per
/// provider, and retries with exponential backoff and jitter that wait as long as the provider asks
/// (<c>Retry-After</c>, <c>x-rate-limit-reset</c>). Which failures are worth retrying is the adapter's call: a
/// provider without idempotency keys must not retry a request that may already have been processed.
/// </summary>
public static class ProviderResilience
{
    /// <summary>Builds the pipeline for one provider; keep one instance per provider so its circuit breaker sees
    /// every call.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        Func<Outcome<HttpResponseMessage>, bool> shouldRetry,
        ProviderResilienceOptions options,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(shouldRetry(args.Outcome)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RequestedDelay(response, timeProvider.GetUtcNow(), options.MaxDelay) : null),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>429, 5xx, a timeout or a network failure: worth another try if the request is safe to repeat.</summary>
    public static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransientStatus(response.StatusCode),
        _ => false,
    };

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>How long the provider asked us to wait: <c>Retry-After</c> (seconds or a date) or X's
    /// <c>x-rate-limit-reset</c> (epoch seconds). Null when it did not say; never more than <paramref name="cap"/>.</summary>
    public static TimeSpan? RequestedDelay(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        ArgumentNullException.ThrowIfNull(response);
        TimeSpan? delay = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (delay is null
            && response.Headers.TryGetValues("x-rate-limit-reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epochSeconds))
        {
            delay = DateTimeOffset.FromUnixTimeSeconds(epochSeconds) - now;
        }

        return delay is null ? null : TimeSpan.FromTicks(Math.Clamp(delay.Value.Ticks, 0, cap.Ticks));
    }
}

/// <summary>Tuning for <see cref="ProviderResilience"/>; the defaults suit chat replies (a reply hours late is worse
/// than a visible failure).</summary>
public sealed class ProviderResilienceOptions
{
    /// <summary>Retries after the first attempt. Default: 4.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First backoff delay, doubled each retry, with jitter. Default: 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single wait, also the cap on what a provider's Retry-After can ask. Default: 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt. Default: 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of failed calls in <see cref="SamplingDuration"/> that opens the circuit. Default: 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in <see cref="SamplingDuration"/> before the circuit may open. Default: 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Window over which failures are counted. Default: 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before trying one. Default: 30 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
