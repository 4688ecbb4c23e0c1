namespace CxInbox.Channels.Facebook.Outbound;

/// <summary>How a reply may go out under Messenger's windows (channels.md §2.7).</summary>
public enum MessagingWindow
{
    /// <summary>Within 24 hours of the customer's last message: <c>messaging_type: RESPONSE</c>.</summary>
    Standard,

    /// <summary>24 hours to 7 days after it: <c>MESSAGE_TAG</c> with <c>tag: HUMAN_AGENT</c> (needs the Human Agent
    /// permission in App Review).</summary>
    HumanAgent,

    /// <summary>Later, or the customer never wrote: Messenger allows nothing; we do not call Meta.</summary>
    Closed,
}

public static class MessagingWindowRule
{
    /// <summary>How long after the customer's last message a Page may answer freely.</summary>
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);

    /// <summary>How long after it a human agent may still answer with the HUMAN_AGENT tag: the channel's reply window.</summary>
    public static TimeSpan HumanAgentWindow => FacebookCapabilities.Messenger.ReplyWindow!.Value;

    /// <param name="lastCustomerMessageAt">When the customer last wrote (a message, quick reply or postback): Meta's
    /// own timestamp of that event, as the inbound adapter stored it.</param>
    /// <param name="now">The current time.</param>
    public static MessagingWindow Decide(DateTimeOffset? lastCustomerMessageAt, DateTimeOffset now)
    {
        if (lastCustomerMessageAt is not { } last)
        {
            return MessagingWindow.Closed;
        }

        // A last message "in the future" is clock skew between Meta and us: the window is certainly open.
        var age = now - last;
        return age < StandardWindow ? MessagingWindow.Standard
            : age < HumanAgentWindow ? MessagingWindow.HumanAgent
            : MessagingWindow.Closed;
    }
}
