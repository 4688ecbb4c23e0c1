namespace CxInbox.Routing.Threading;

/// <summary>The customer's latest conversation on the channel thread the new message came in on.</summary>
public sealed record LatestConversation(Guid Id, ConversationStatus Status);

/// <summary>Where a new customer message goes.</summary>
public abstract record ThreadingDecision
{
    public sealed record Join(Guid ConversationId) : ThreadingDecision;

    public sealed record StartConversation : ThreadingDecision;
}

public static class ThreadingRule
{
    /// <summary>A message joins the customer's conversation on that thread unless it was resolved.</summary>
    public static ThreadingDecision Decide(LatestConversation? latest) =>
        latest is null || latest.Status == ConversationStatus.Resolved
            ? new ThreadingDecision.StartConversation()
            : new ThreadingDecision.Join(latest.Id);
}
