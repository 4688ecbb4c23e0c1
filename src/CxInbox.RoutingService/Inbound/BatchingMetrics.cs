using System.Diagnostics.Metrics;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// What the batcher does, on the meter <c>CxInbox.Routing</c> (read it with <c>dotnet-counters monitor --counters
/// CxInbox.Routing</c> or any OpenTelemetry exporter): how many messages each batch carried, and how many messages it
/// handed to the per-message path and why. Many of those at a steady rate mean batches are losing races for the same
/// agents or customers, or the store is faltering: a cost in throughput, never in correctness.
/// </summary>
public sealed class BatchingMetrics
{
    public const string MeterName = "CxInbox.Routing";

    /// <summary>The batch was routed; these messages had conversations to reopen.</summary>
    public const string Reopen = "reopen";

    /// <summary>Another router changed what the batch had read (a thread opened, an agent's room taken, …), or the
    /// batch met a passing fault of the store (a dropped connection, a pool that ran dry): anything the store's retry
    /// treats as transient.</summary>
    public const string LostRace = "lost_race";

    /// <summary>Any other fault, such as a message the store refuses.</summary>
    public const string Failed = "failed";

    private readonly Histogram<int> batchSize;
    private readonly Counter<long> routedAlone;

    public BatchingMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        batchSize = meter.CreateHistogram<int>("cxinbox.routing.batch.size", "{message}", "Messages routed together in one transaction");
        routedAlone = meter.CreateCounter<long>("cxinbox.routing.batch.routed_alone", "{message}",
            "Messages the batcher routed one by one instead, by reason: reopen, lost_race or failed");
    }

    public void BatchStarted(int messages) => batchSize.Record(messages);

    public void RoutedAlone(int messages, string reason)
    {
        if (messages > 0)
        {
            routedAlone.Add(messages, new KeyValuePair<string, object?>("reason", reason));
        }
    }
}
