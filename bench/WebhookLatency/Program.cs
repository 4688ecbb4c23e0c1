using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using WebhookLatency;

HarnessOptions? options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + HarnessOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    timeLimit.Cancel();
};

using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };

// Customer numbers unique to this run, so a second run against the same Host opens new conversations rather than
// adding messages to the previous run's.
var runId = Random.Shared.Next(10_000);
var timings = Enumerable.Range(0, options.Messages).Select(i => new MessageTiming($"+1999{runId:D4}{i:D6}")).ToArray();

try
{
    await CreateAgentsAsync(http, options, runId, timeLimit.Token);
}
catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"Could not create the agents at {options.Url}: {e.Message}");
    return 1;
}

// A second of slack: the Host stamps conversations with its own clock (the same machine's, read a little later).
var poller = new AssignmentPoller(http, options.AdminKey, timings.ToDictionary(t => t.From), DateTimeOffset.UtcNow.AddSeconds(-1));
var sendingStartedAt = Stopwatch.GetTimestamp();
var sending = SendAllAsync(http, options, timings, timeLimit.Token);
var polling = poller.RunAsync(sending, timeLimit.Token);
await Task.WhenAll(sending, polling);

var report = LatencyReport.From(options, timings, sendingStartedAt, poller, stoppedEarly: timeLimit.IsCancellationRequested);
report.Print();
return report.Errors == 0 && report.NotSeenAssigned == 0 && !report.StoppedEarly ? 0 : 1;

static async Task CreateAgentsAsync(HttpClient http, HarnessOptions options, int runId, CancellationToken cancellationToken)
{
    for (var i = 1; i <= options.Agents; i++)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents")
        {
            Content = JsonContent.Create(new { name = $"Load test {runId}-{i}", capacity = 100, status = "online" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException(
                $"POST /api/agents answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}

static async Task SendAllAsync(HttpClient http, HarnessOptions options, MessageTiming[] timings, CancellationToken cancellationToken)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < timings.Length && !cancellationToken.IsCancellationRequested; i = Interlocked.Increment(ref next))
        {
            await SendOneAsync(http, options, timings[i], $"Load test message {i}: where is my order?", cancellationToken);
        }
    }));
}

static async Task SendOneAsync(HttpClient http, HarnessOptions options, MessageTiming timing, string text, CancellationToken cancellationToken)
{
    using var request = SignedSms.Create(options, timing.From, text);
    timing.SentAt = Stopwatch.GetTimestamp();
    try
    {
        using var response = await http.SendAsync(request, cancellationToken);
        timing.AnsweredAt = Stopwatch.GetTimestamp();
        timing.Status = (int)response.StatusCode;
        timing.Outcome = timing.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            timing.Detail = detail.Length > 300 ? detail[..300] : detail;
        }
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
        timing.Outcome = MessageTiming.CutOff;
    }
    catch (TaskCanceledException)
    {
        timing.Outcome = $"no answer within {http.Timeout.TotalSeconds:0} s";
    }
    catch (HttpRequestException e)
    {
        timing.Outcome = "transport error";
        timing.Detail = e.Message;
    }
}

/// <summary>What happened to one webhook. Times are <see cref="Stopwatch.GetTimestamp"/> values; 0 = not yet.</summary>
internal sealed class MessageTiming(string from)
{
    public string From { get; } = from;

    public long SentAt { get; set; }

    public long AnsweredAt { get; set; }

    public int Status { get; set; }

    /// <summary>The outcome of a webhook still in flight when the time limit struck: not the Host's fault.</summary>
    public const string CutOff = "cut off by the time limit";

    /// <summary>"200", "503", "transport error", <see cref="CutOff"/>, ...; null when never sent.</summary>
    public string? Outcome { get; set; }

    public string? Detail { get; set; }

    /// <summary>Written only by the poller.</summary>
    public long AssignedSeenAt { get; set; }
}
