using System.ComponentModel.DataAnnotations;

namespace CxInbox.Host.Outbound;

/// <summary><c>CxInbox:Replies</c>: how replies stuck between the API and the provider are found and settled
/// (<see cref="StalledReplySweeper"/>).</summary>
public sealed class ReplyRecoveryOptions
{
    public const string SectionName = "CxInbox:Replies";

    /// <summary>A reply still pending this long after it was stored (or last republished) has its command published
    /// again: the API may have stopped between storing it and publishing. Default: 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepublishAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a send may take, from the start of its first attempt to its recorded outcome, retries and
    /// the providers' Retry-After waits included (the longest with the default provider resilience settings is under
    /// 3 minutes). A reply sending longer is taken to be cut off by a stopped worker and is failed as
    /// <c>interrupted</c>; until then a second copy of its command leaves it alone. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the sweeper looks. Default: 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
