using System.Diagnostics;

namespace RoutingLoad;

/// <summary>Offers messages at a fixed rate whatever the system under test does (open loop): message i is due at
/// start + i / rate and is sent then, or at once when the sender fell behind. Latency is measured from the time a
/// message was due, not from when it went out, so a slow sender cannot hide a slow system (coordinated omission).</summary>
internal static class OpenLoop
{
    public sealed record Offer(long StartTimestamp, long[] DueTimestamps, double MaxSendLagMs);

    public static async Task<Offer> RunAsync(int rate, int seconds, Func<int, Task> send, CancellationToken cancellationToken)
    {
        var count = rate * seconds;
        var due = new long[count];
        var inFlight = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var maxLag = 0.0;
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            due[i] = start + (long)((double)i * Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due[i]);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            maxLag = Math.Max(maxLag, Stopwatch.GetElapsedTime(due[i]).TotalMilliseconds);
            var index = i;
            inFlight.Add(Task.Run(() => send(index), cancellationToken));
        }

        await Task.WhenAll(inFlight);
        return new Offer(start, due, maxLag);
    }
}
