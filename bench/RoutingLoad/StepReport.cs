using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoutingLoad;

/// <summary>What one offered rate gave, for the router or the baseline.</summary>
internal sealed record StepReport(
    string Mode,
    int OfferedPerSecond,
    int Seconds,
    int Offered,
    int Accepted,
    int Errors,
    int Completed,
    double CompletedPerSecond,
    bool Sustained,
    Percentiles LatencyMs,
    double MaxSendLagMs,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string? FirstError)
{
    /// <summary>With run.sh --count: statements the Host sent to PostgreSQL during the step, per message offered.</summary>
    public double? StatementsPerMessage { get; init; }

    /// <summary>With run.sh --count: round trips to PostgreSQL during the step, per message offered.</summary>
    public double? RoundTripsPerMessage { get; init; }

    /// <summary>Where the time went, stage by stage (<see cref="RoutingLoad.Stages"/>).</summary>
    public Stages? Stages { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <param name="completedAt">When each message's outcome was seen (Stopwatch timestamps), 0 when never.</param>
    public static StepReport From(string mode, int rate, int seconds, OpenLoop.Offer offer, int accepted, int errors, long[] completedAt,
        string loadBefore, string? firstError)
    {
        var latencies = offer.DueTimestamps.Zip(completedAt)
            .Where(p => p.Second != 0)
            .Select(p => Stopwatch.GetElapsedTime(p.First, p.Second).TotalMilliseconds)
            .Order()
            .ToArray();
        var last = completedAt.Where(t => t != 0).DefaultIfEmpty(offer.StartTimestamp).Max();
        var span = Stopwatch.GetElapsedTime(offer.StartTimestamp, last).TotalSeconds;
        // Kept up: everything done, the last one within half a second of the offer's end, so no backlog built up.
        var sustained = latencies.Length == offer.DueTimestamps.Length && span <= seconds + 0.5;
        return new StepReport(mode, rate, seconds, offer.DueTimestamps.Length, accepted, errors, latencies.Length,
            Math.Round(latencies.Length / Math.Max(span, 0.001), 1), sustained, Percentiles.Of(latencies), Math.Round(offer.MaxSendLagMs, 1),
            loadBefore, LoadAverage(), firstError);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public void PrintJson() => Console.WriteLine(JsonSerializer.Serialize(this, Json));

    public static void PrintTable(IEnumerable<StepReport> reports)
    {
        Console.WriteLine();
        Console.WriteLine("| mode | offered/s | completed/s | sustained | p50 / p95 / p99 / max ms | lost or failed | statements / round trips per message | load avg before → after |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in reports)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Mode} | {r.OfferedPerSecond} | {r.CompletedPerSecond} | {(r.Sustained ? "yes" : "no")} | {r.LatencyMs.P50} / {r.LatencyMs.P95} / {r.LatencyMs.P99} / {r.LatencyMs.Max} | {r.Errors + r.Offered - r.Completed} | {(r.StatementsPerMessage is null ? "" : $"{r.StatementsPerMessage} / {r.RoundTripsPerMessage}")} | {r.LoadAverageBefore} → {r.LoadAverageAfter} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Where the time went, ms (ingress: due → webhook answered or publish confirmed; routing: → outcome published, or the baseline's insert done; outbound: → event received; slowest 1%: mean of each stage):");
        Console.WriteLine();
        Console.WriteLine("| mode | offered/s | ingress p50 / p99 | routing p50 / p99 | outbound p50 / p99 | slowest 1%: ingress / routing / outbound |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in reports.Where(r => r.Stages is not null))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Mode} | {r.OfferedPerSecond} | {r.Stages!.Describe()} |"));
        }

        Console.WriteLine();
        Console.WriteLine(RatioLine(reports.ToList()));
    }

    /// <summary>The issue's ratio: the router's highest completed rate against the baseline's. A mode that kept up
    /// with the highest rate it was offered never reached its ceiling, so its figure is only a floor, and the line says
    /// which way the ratio can still move.</summary>
    public static string RatioLine(IReadOnlyList<StepReport> reports)
    {
        var router = Peak(reports, "router");
        var baseline = Peak(reports, "baseline");
        if (router is null || baseline is null)
        {
            return "ratio: needs both modes";
        }

        var ratio = (router.Value.Rate / baseline.Value.Rate).ToString("0.00", CultureInfo.InvariantCulture);
        return (router.Value.Capped, baseline.Value.Capped) switch
        {
            (false, false) => $"ratio router/baseline peak: {ratio}",
            (false, true) => $"ratio router/baseline peak: at most {ratio}: the baseline kept up with every rate offered (offer it more: --only baseline --rates ...)",
            (true, false) => $"ratio router/baseline peak: at least {ratio}: the router kept up with every rate offered",
            (true, true) => $"ratio router/baseline peak: unknown: both kept up with every rate offered ({ratio} so far)",
        };
    }

    private static (double Rate, bool Capped)? Peak(IReadOnlyList<StepReport> reports, string mode)
    {
        var steps = reports.Where(r => r.Mode == mode).ToList();
        return steps.Count == 0 ? null : (steps.Max(r => r.CompletedPerSecond), steps.MaxBy(r => r.OfferedPerSecond)!.Sustained);
    }
}

internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(double[] sorted) => sorted.Length == 0
        ? new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN)
        : new Percentiles(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), Math.Round(sorted[^1], 1));

    // Nearest rank.
    private static double At(double[] sorted, double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
