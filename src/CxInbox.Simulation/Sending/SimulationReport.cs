using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CxInbox.Simulation.Traffic;

namespace CxInbox.Simulation.Sending;

/// <summary>What one channel's messages became. Thread-safe: sends complete concurrently.</summary>
public sealed class ChannelTally
{
    private readonly ConcurrentDictionary<string, int> refusals = new(StringComparer.Ordinal);
    private int sent;
    private int accepted;
    private int refused;
    private int failed;
    private int attempts;

    /// <summary>Messages handed to the Host (or the SMTP server), whatever became of them.</summary>
    public int Sent => sent;

    /// <summary>Answered 2xx (for e-mail: taken by the SMTP server).</summary>
    public int Accepted => accepted;

    /// <summary>Answered 4xx: the Host read the request and said no (wrong signature, bad shape). Not retried.</summary>
    public int Refused => refused;

    /// <summary>No answer, or 5xx/429 still after the retries.</summary>
    public int Failed => failed;

    /// <summary>Requests made, retries included.</summary>
    public int Attempts => attempts;

    /// <summary>Each refusal or failure once, with how often it happened.</summary>
    public IReadOnlyDictionary<string, int> Reasons => refusals;

    internal void Attempted() => Interlocked.Increment(ref attempts);

    internal void Accept()
    {
        Interlocked.Increment(ref sent);
        Interlocked.Increment(ref accepted);
    }

    internal void Refuse(string reason)
    {
        Interlocked.Increment(ref sent);
        Interlocked.Increment(ref refused);
        refusals.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }

    internal void Fail(string reason)
    {
        Interlocked.Increment(ref sent);
        Interlocked.Increment(ref failed);
        refusals.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }
}

/// <summary>The outcome of a run, per channel, with the channels that were skipped and why.</summary>
public sealed class SimulationReport
{
    private readonly ConcurrentDictionary<SimulatedChannel, ChannelTally> channels = new();

    public SimulationReport(IReadOnlyDictionary<SimulatedChannel, string> skipped)
    {
        Skipped = skipped;
    }

    public IReadOnlyDictionary<SimulatedChannel, ChannelTally> Channels => channels;

    public IReadOnlyDictionary<SimulatedChannel, string> Skipped { get; }

    public int Sent => channels.Values.Sum(c => c.Sent);

    public int Accepted => channels.Values.Sum(c => c.Accepted);

    public int Refused => channels.Values.Sum(c => c.Refused);

    public int Failed => channels.Values.Sum(c => c.Failed);

    internal ChannelTally For(SimulatedChannel channel) => channels.GetOrAdd(channel, _ => new ChannelTally());

    /// <summary>A table for people: one row per channel, then the reasons of refusals and failures.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"channel",-10}{"sent",8}{"accepted",10}{"refused",9}{"failed",8}{"requests",10}");
        foreach (var (channel, tally) in channels.OrderBy(c => c.Key))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{channel.ToName(),-10}{tally.Sent,8}{tally.Accepted,10}{tally.Refused,9}{tally.Failed,8}{tally.Attempts,10}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"total",-10}{Sent,8}{Accepted,10}{Refused,9}{Failed,8}");
        foreach (var (channel, reason) in Skipped.OrderBy(s => s.Key))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{channel.ToName()} skipped: {reason}");
        }

        foreach (var (channel, tally) in channels.OrderBy(c => c.Key))
        {
            foreach (var (reason, count) in tally.Reasons.OrderByDescending(r => r.Value))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{channel.ToName()}: {count} x {reason}");
            }
        }

        return text.ToString();
    }
}
