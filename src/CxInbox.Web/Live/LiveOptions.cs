using System.ComponentModel.DataAnnotations;

namespace CxInbox.Web.Live;

public sealed class LiveOptions
{
    public const string SectionName = "CxInbox:Live";

    /// <summary>How long this Host keeps taking the bus's events after its last browser went away, so that a page
    /// reload or a short network drop does not remove and re-create its queue. Default: 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BridgeLinger { get; set; } = TimeSpan.FromSeconds(30);
}
