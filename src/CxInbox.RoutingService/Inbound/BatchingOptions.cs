using System.ComponentModel.DataAnnotations;

namespace CxInbox.RoutingService.Inbound;

/// <summary>The <c>Routing:Batching</c> section: how the router gathers customer messages into set-based batches
/// (PostgreSQL only; see <see cref="InboundBatcher"/>).</summary>
public sealed class BatchingOptions
{
    public const string SectionName = "Routing:Batching";

    /// <summary>False routes every message on its own, as with SQLite. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most messages one batch takes. Default: 200 (docs/performance.md, *Batch sizes*).</summary>
    [Range(2, 500)]
    public int MaxMessages { get; set; } = 200;

    /// <summary>How many batches one router process runs at once. Default: 2.</summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 2;

    /// <summary>How many customer messages one routing process takes from the broker at once (its prefetch and
    /// consumer concurrency) with batching on and PostgreSQL underneath; otherwise the consumer takes as many as the
    /// other consumers. Read at start, not on reload. Batches form from the
    /// messages in flight while earlier batches run, so this bounds their size. Default: 256.</summary>
    [Range(1, 4096)]
    public int MessagesInFlight { get; set; } = 256;
}
