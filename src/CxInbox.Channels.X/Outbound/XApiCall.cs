using System.Globalization;
using System.Net;
using System.Text;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CxInbox.Channels.X.Outbound;

/// <summary>What became of one POST to X, after the pipeline's retries.</summary>
internal abstract record XApiResult
{
    /// <param name="EarlierAttemptPerhapsDone">An earlier attempt of this send ended without a clear answer (timeout, lost
    /// connection, 500/502/504), so X may have acted on it.</param>
    public sealed record Answered(HttpStatusCode Status, string Body, XProblem? Problem, DateTimeOffset? RateLimitReset,
        bool EarlierAttemptPerhapsDone) : XApiResult
    {
        /// <summary>X's error kind (the last segment of the problem type, e.g. <c>usage-capped</c>), else the HTTP status.</summary>
        public string Code => Problem?.Kind ?? ((int)Status).ToString(CultureInfo.InvariantCulture);

        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }

    /// <param name="Code">Ours: <c>timeout</c>, <c>network</c> or <c>circuit_open</c>.</param>
    /// <param name="Why">For the agent, e.g. "X did not answer within 10 s".</param>
    /// <param name="PerhapsDone">Some attempt may have reached X and been acted on.</param>
    public sealed record Unanswered(string Code, string Why, bool PerhapsDone) : XApiResult;
}

/// <summary>Sends one JSON POST to X through a sender's pipeline, signed afresh for every attempt.</summary>
internal static class XApiCall
{
    /// <summary>X's problem, read from a 429 inside the attempt, so that <see cref="XRetryPolicy"/> can tell a usage
    /// cap from a rate limit without reading the body itself.</summary>
    public static readonly HttpRequestOptionsKey<XProblem?> ProblemKey = new("CxInbox.X.Problem");

    public static async Task<XApiResult> PostJsonAsync(
        HttpClient http,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        XOptions credentials,
        TimeProvider clock,
        Uri uri,
        string json,
        CancellationToken cancellationToken)
    {
        using var attempts = new Attempts(http, credentials, clock, uri, json);
        try
        {
            using var response = await pipeline.ExecuteAsync(static (a, token) => a.SendAsync(token), attempts, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new XApiResult.Answered(response.StatusCode, body, XProblem.Read(body), RateLimitReset(response),
                attempts.EarlierAttemptPerhapsDone);
        }
        catch (TimeoutRejectedException)
        {
            var seconds = credentials.Resilience.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return new XApiResult.Unanswered("timeout", $"X did not answer within {seconds} s", PerhapsDone: true);
        }
        catch (BrokenCircuitException)
        {
            return new XApiResult.Unanswered("circuit_open", "Calls to X are paused for a while after repeated failures",
                attempts.AnyAttemptPerhapsDone);
        }
        catch (HttpRequestException e)
        {
            return new XApiResult.Unanswered("network", $"X could not be reached ({e.HttpRequestError})", attempts.AnyAttemptPerhapsDone);
        }
    }

    private static DateTimeOffset? RateLimitReset(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-rate-limit-reset", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epochSeconds)
        && epochSeconds < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(epochSeconds)
            : null;

    private sealed class Attempts(HttpClient http, XOptions credentials, TimeProvider clock, Uri uri, string json) : IDisposable
    {
        // Kept until the send is over: the retry rule reads ProblemKey from the response's request.
        private readonly List<HttpRequestMessage> requests = [];
        private bool lastPerhapsDone;

        public bool EarlierAttemptPerhapsDone { get; private set; }

        public bool AnyAttemptPerhapsDone => EarlierAttemptPerhapsDone || lastPerhapsDone;

        public async ValueTask<HttpResponseMessage> SendAsync(CancellationToken token)
        {
            EarlierAttemptPerhapsDone |= lastPerhapsDone;
            lastPerhapsDone = false;
            var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            requests.Add(request);

            // Signed per attempt: X refuses a nonce it has already seen and a timestamp far from its clock.
            request.Headers.TryAddWithoutValidation("Authorization", XOAuth1.AuthorizationHeader(
                "POST", uri, credentials, clock.GetUtcNow().ToUnixTimeSeconds(), XOAuth1.NewNonce()));
            try
            {
                var response = await http.SendAsync(request, token);
                lastPerhapsDone = XRetryPolicy.PerhapsDone(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    request.Options.Set(ProblemKey, XProblem.Read(await response.Content.ReadAsStringAsync(token)));
                }

                return response;
            }
            catch (Exception e) when (e is OperationCanceledException || (e is HttpRequestException h && !XRetryPolicy.NeverSent(h)))
            {
                lastPerhapsDone = true;
                throw;
            }
        }

        public void Dispose()
        {
            foreach (var request in requests)
            {
                request.Dispose();
            }
        }
    }
}
