using System.ComponentModel.DataAnnotations;

namespace CxInbox.Api.Supervision;

/// <summary>The <c>Routing:Rebalance</c> section.</summary>
public sealed class RebalanceOptions
{
    public const string SectionName = "Routing:Rebalance";

    /// <summary>A rebalance leaves a conversation with its agent when we replied on it within this time: the customer
    /// is in the middle of a conversation with that agent. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RecentReplyGuard { get; set; } = TimeSpan.FromMinutes(5);
}
