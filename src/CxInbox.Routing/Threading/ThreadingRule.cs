namespace CxInbox.Routing.Threading;

/// <summary>The customer's latest conversation on the channel thread the new message came in on.</summary>
public sealed record LatestConversation(Guid Id, ConversationStatus Status, DateTimeOffset? ResolvedAt = null);

/// <summary>Where a new customer message goes.</summary>
public abstract record ThreadingDecision
{
    public sealed record Join(Guid ConversationId) : ThreadingDecision;

    /// <summary>The conversation was resolved a moment ago: open it again rather than start a new one.</summary>
    public sealed record Reopen(Guid ConversationId) : ThreadingDecision;

    public sealed record StartConversation : ThreadingDecision;
}

public static class ThreadingRule
{
    /// <summary>A message joins the customer's conversation on that thread; if that conversation was resolved less
    /// than <paramref name="reopenWindow"/> ago it reopens ("thanks! one more thing…"); otherwise a new one starts.</summary>
    public static ThreadingDecision Decide(LatestConversation? latest, DateTimeOffset now, TimeSpan reopenWindow) => latest switch
    {
        null => new ThreadingDecision.StartConversation(),
        { Status: not ConversationStatus.Resolved } => new ThreadingDecision.Join(latest.Id),
        { ResolvedAt: { } resolvedAt } when now - resolvedAt <= reopenWindow => new ThreadingDecision.Reopen(latest.Id),
        _ => new ThreadingDecision.StartConversation(),
    };
}
