namespace CxInbox.Channels.Twilio.Outbound;

/// <summary>Twilio's Message status values mapped onto our delivery states (CxInbox.Routing.Delivery.DeliveryProgress).</summary>
public static class TwilioStatuses
{
    /// <summary>Null for statuses that describe inbound messages (receiving, received).</summary>
    public static string? ToDeliveryStatus(string twilioStatus) => twilioStatus.ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" or "sending" => "queued",
        "sent" => "sent",
        "delivered" => "delivered",
        "read" => "read",
        "undelivered" => "undelivered",
        "failed" or "canceled" => "failed",
        "partially_delivered" => "delivered",
        _ => null,
    };
}
