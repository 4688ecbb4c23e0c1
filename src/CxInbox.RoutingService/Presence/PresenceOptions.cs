using System.ComponentModel.DataAnnotations;

namespace CxInbox.RoutingService.Presence;

/// <summary>The <c>Routing:Presence</c> section.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Routing:Presence";

    /// <summary>An agent who set themself away this long hands their open conversations back to the queue, where
    /// others take them. A supervisor's pause does not count: a paused agent keeps theirs. Default: 15 minutes;
    /// zero: away agents always keep their conversations.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AwayGracePeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often away agents are looked at. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
