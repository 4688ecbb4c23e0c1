using System.Diagnostics;
using System.Text.Json;

namespace WebhookLatency;

internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    /// <summary>Nearest-rank percentiles in milliseconds, rounded to 0.1 ms; null when there are no samples.</summary>
    public static Percentiles? Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        double At(double p) => Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)], 1);
        return new(At(50), At(95), At(99), Math.Round(sorted[^1], 1));
    }
}

internal sealed record LatencyReport(
    string Url,
    int Messages,
    int Concurrency,
    int Agents,
    int Sent,
    int Accepted,
    int Errors,
    int SeenAssigned,
    int NotSeenAssigned,
    Percentiles? WebhookAnswerMs,
    Percentiles? WebhookToAssignedMs,
    double AcceptedPerSecond,
    double SendingSeconds,
    double AssignedPerSecond,
    int Polls,
    int PollErrors,
    bool StoppedEarly,
    IReadOnlyDictionary<string, int> Outcomes,
    string? FirstErrorDetail)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static LatencyReport From(HarnessOptions options, MessageTiming[] timings, long sendingStartedAt, AssignmentPoller poller, bool stoppedEarly)
    {
        var accepted = timings.Where(t => t.Status == 200).ToArray();
        var answered = timings.Where(t => t.AnsweredAt != 0).ToArray();
        var sendingSeconds = answered.Length == 0 ? 0 : Stopwatch.GetElapsedTime(sendingStartedAt, answered.Max(t => t.AnsweredAt)).TotalSeconds;
        var seenAssigned = accepted.Where(t => t.AssignedSeenAt != 0).ToArray();
        var assigningSeconds = seenAssigned.Length == 0 ? 0 : Stopwatch.GetElapsedTime(sendingStartedAt, seenAssigned.Max(t => t.AssignedSeenAt)).TotalSeconds;
        return new LatencyReport(
            options.Url.ToString(),
            options.Messages,
            options.Concurrency,
            options.Agents,
            Sent: timings.Count(t => t.Outcome is not null),
            Accepted: accepted.Length,
            Errors: timings.Count(t => t.Outcome is not (null or "200" or MessageTiming.CutOff)),
            SeenAssigned: seenAssigned.Length,
            NotSeenAssigned: accepted.Length - seenAssigned.Length,
            Percentiles.Of(answered.Select(t => Stopwatch.GetElapsedTime(t.SentAt, t.AnsweredAt).TotalMilliseconds)),
            Percentiles.Of(seenAssigned.Select(t => Stopwatch.GetElapsedTime(t.SentAt, t.AssignedSeenAt).TotalMilliseconds)),
            sendingSeconds > 0 ? Math.Round(accepted.Length / sendingSeconds, 1) : 0,
            Math.Round(sendingSeconds, 2),
            assigningSeconds > 0 ? Math.Round(seenAssigned.Length / assigningSeconds, 1) : 0,
            poller.Polls,
            poller.PollErrors,
            stoppedEarly,
            timings.Where(t => t.Outcome is not null).GroupBy(t => t.Outcome!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            timings.FirstOrDefault(t => t.Detail is not null)?.Detail ?? poller.FirstPollError);
    }

    public void Print()
    {
        Console.WriteLine($"{Url}: {Messages} messages, concurrency {Concurrency}, {Agents} new agents");
        Console.WriteLine($"{"latency (ms)",-28}{"p50",10}{"p95",10}{"p99",10}{"max",10}");
        PrintRow("webhook answered", WebhookAnswerMs);
        PrintRow("webhook -> seen assigned *", WebhookToAssignedMs);
        Console.WriteLine($"  * from sending the webhook to the first poll of GET /api/conversations that shows an assignee;");
        Console.WriteLine($"    includes up to {AssignmentPoller.Interval.TotalMilliseconds:0} ms of poll interval plus the poll's own time ({Polls} polls, {PollErrors} failed).");
        Console.WriteLine($"sent {Sent}, accepted (200) {Accepted}, errors {Errors}, seen assigned {SeenAssigned}, accepted but not seen assigned {NotSeenAssigned}");
        Console.WriteLine($"throughput {AcceptedPerSecond:0.0} messages/s accepted over {SendingSeconds:0.00} s; "
            + $"{AssignedPerSecond:0.0} messages/s seen assigned (first send to last assignment seen)");
        Console.WriteLine($"outcomes: {string.Join(", ", Outcomes.Select(o => $"{o.Key} x{o.Value}"))}");
        if (FirstErrorDetail is not null)
        {
            Console.WriteLine($"first error: {FirstErrorDetail}");
        }

        if (StoppedEarly)
        {
            Console.WriteLine("STOPPED EARLY: the time limit (or Ctrl+C) cut the run short; the figures cover what was measured by then.");
        }

        Console.WriteLine("JSON " + JsonSerializer.Serialize(this, Json));
    }

    private static void PrintRow(string name, Percentiles? p) =>
        Console.WriteLine(p is null
            ? $"{name,-28}{"-",10}{"-",10}{"-",10}{"-",10}"
            : $"{name,-28}{p.P50,10:0.0}{p.P95,10:0.0}{p.P99,10:0.0}{p.Max,10:0.0}");
}
