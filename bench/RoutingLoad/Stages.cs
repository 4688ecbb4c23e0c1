using System.Diagnostics;

namespace RoutingLoad;

/// <summary>Where each message's time went, from the time it was due:
/// <list type="bullet">
/// <item><c>Ingress</c>: until the webhook answered 200 (the baseline: until the publish was confirmed);</item>
/// <item><c>Routing</c>: from then until the Host published the outcome after its commit (the baseline: until its
/// insert returned);</item>
/// <item><c>Outbound</c>: from that publish until the harness received the event (router only).</item>
/// </list>
/// <c>SlowestPercent</c> is the mean of each stage over the slowest 1% of messages end to end: which stage the tail
/// spends its time in.</summary>
internal sealed record Stages(Percentiles Ingress, Percentiles Routing, Percentiles? Outbound, StageSplit SlowestPercent)
{
    /// <param name="sentAt">When the outcome's event was sent (router); null when there is none (baseline).</param>
    public static Stages? Of(long[] due, long[] answeredAt, long[]? sentAt, long[] completedAt)
    {
        var hasEvent = sentAt is not null;
        var messages = Enumerable.Range(0, due.Length)
            .Where(i => answeredAt[i] != 0 && completedAt[i] != 0 && (!hasEvent || sentAt![i] != 0))
            .Select(i =>
            {
                var routedUntil = hasEvent ? sentAt![i] : completedAt[i];
                return new StageSplit(Ms(due[i], answeredAt[i]), Ms(answeredAt[i], routedUntil), hasEvent ? Ms(sentAt![i], completedAt[i]) : 0);
            })
            .ToList();
        if (messages.Count == 0)
        {
            return null;
        }

        var slowest = messages.OrderByDescending(m => m.Total).Take(Math.Max(1, messages.Count / 100)).ToList();
        return new Stages(
            Percentiles.Of([.. messages.Select(m => m.Ingress).Order()]),
            Percentiles.Of([.. messages.Select(m => m.Routing).Order()]),
            hasEvent ? Percentiles.Of([.. messages.Select(m => m.Outbound).Order()]) : null,
            new StageSplit(Mean(slowest, m => m.Ingress), Mean(slowest, m => m.Routing), Mean(slowest, m => m.Outbound)));
    }

    public string Describe()
    {
        var outbound = Outbound is null ? "" : FormattableString.Invariant($"{Outbound.P50} / {Outbound.P99}");
        var slowest = FormattableString.Invariant($"{SlowestPercent.Ingress} / {SlowestPercent.Routing} / {SlowestPercent.Outbound}");
        return FormattableString.Invariant($"{Ingress.P50} / {Ingress.P99} | {Routing.P50} / {Routing.P99} | {outbound} | {slowest}");
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Mean(List<StageSplit> messages, Func<StageSplit, double> stage) => Math.Round(messages.Average(stage), 1);
}

internal sealed record StageSplit(double Ingress, double Routing, double Outbound)
{
    public double Total => Ingress + Routing + Outbound;
}
