namespace CxInbox.Routing.Threading;

public enum ConversationStatus
{
    Open,
    Pending,
    Snoozed,
    Resolved,
}

public static class ConversationStatusNames
{
    public static string ToName(this ConversationStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ConversationStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
