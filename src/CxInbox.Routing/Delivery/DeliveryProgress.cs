namespace CxInbox.Routing.Delivery;

/// <summary>
/// The delivery states of an outbound message, in the order they can only move forward. Providers report late, twice
/// and out of order (Twilio may send "delivered" before "sent"); the store keeps the furthest state by this rank.
/// Undelivered and failed are final.
/// </summary>
public static class DeliveryProgress
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";

    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        [Pending] = 0,
        [Sending] = 1,
        [Queued] = 2,
        [Sent] = 3,
        [Delivered] = 4,
        [Read] = 5,
        [Undelivered] = 6,
        [Failed] = 6,
    };

    public static bool IsKnown(string status) => Ranks.ContainsKey(status);

    /// <summary>The status's place in the order; unknown statuses rank below everything so they never win.</summary>
    public static int Rank(string status) => Ranks.GetValueOrDefault(status, -1);

    public static bool IsFinal(string status) => status is Undelivered or Failed;
}
