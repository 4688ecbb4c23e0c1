using System.Net;
using Polly;
using Polly.Timeout;

namespace CxInbox.Channels.X.Outbound;

/// <summary>
/// Which failed calls to X are worth another attempt. X has no idempotency key for creating a DM or a post
/// (channels.md §3.6), so the question is not only "is it transient" but "can X already have done it":
/// <list type="bullet">
/// <item>Certainly not done, always retried: 429 (refused by the rate limiter before any work; we wait for
/// <c>x-rate-limit-reset</c>), 503 (X shedding load in front of the API), 408, and a connection that was never
/// established (DNS, connect, TLS), so the request never left.</item>
/// <item>Perhaps done, retried only when the caller says a repeat is harmless: a timeout, a connection lost after the
/// request was written, 500/502/504.</item>
/// <item>Never retried: a 429 that is X's usage cap or credit limit (it lasts until someone pays), a 429 whose reset
/// is further away than we are willing to wait (retrying early only spends requests), and every other 4xx.</item>
/// </list>
/// </summary>
internal static class XRetryPolicy
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, bool retryWhenPerhapsDone, DateTimeOffset now, TimeSpan maxDelay) =>
        outcome switch
        {
            { Exception: TimeoutRejectedException } => retryWhenPerhapsDone,
            { Exception: HttpRequestException e } => NeverSent(e) || retryWhenPerhapsDone,
            { Result: { StatusCode: HttpStatusCode.TooManyRequests } response } =>
                !IsUsageCapped(response)
                && !(Channels.Outbound.ProviderResilience.RequestedDelay(response, now, TimeSpan.MaxValue) > maxDelay),
            { Result: { StatusCode: HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout } } => true,
            { Result: { } response } when PerhapsDone(response.StatusCode) => retryWhenPerhapsDone,
            _ => false,
        };

    /// <summary>A 5xx other than 503: X may have created the DM or post before it failed.</summary>
    public static bool PerhapsDone(HttpStatusCode status) => (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable;

    /// <summary>The connection was never established, so X never saw the request.</summary>
    public static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private static bool IsUsageCapped(HttpResponseMessage response) =>
        response.RequestMessage is { } request
        && request.Options.TryGetValue(XApiCall.ProblemKey, out var problem)
        && problem is not null
        && problem.Is("usage-capped");
}
