using System.ComponentModel.DataAnnotations;

namespace CxInbox.RoutingService.Threading;

/// <summary>The <c>Routing:Threading</c> section.</summary>
public sealed class ThreadingOptions
{
    public const string SectionName = "Routing:Threading";

    /// <summary>A message within this time after its conversation was resolved reopens it instead of starting a
    /// new one. Default: 2 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A returning customer goes first to the agent who served them within this time, if that agent is
    /// online, of the right team and below capacity. Default: 30 days; zero turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan StickinessWindow { get; set; } = TimeSpan.FromDays(30);
}
