using System.ComponentModel.DataAnnotations;

namespace CxInbox.RoutingService.Inbound;

/// <summary>The <c>Routing:Batching</c> section: how the router gathers customer messages into set-based batches
/// (PostgreSQL only; see <see cref="InboundBatcher"/>).</summary>
public sealed class BatchingOptions
{
    public const string SectionName = "Routing:Batching";

    /// <summary>False routes every message on its own, as with SQLite. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most messages one batch takes. Default: 50.</summary>
    [Range(2, 500)]
    public int MaxMessages { get; set; } = 50;

    /// <summary>How many batches one router process runs at once. Default: 2.</summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 2;
}
