using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Presence;

/// <summary>An agent who is not online, as the away sweeper sees them.</summary>
/// <param name="PausedBySupervisor">Away because a supervisor paused them, not by their own choice.</param>
/// <param name="PresenceSince">When they took their current presence; null when unknown (unchanged since the
/// store started recording it).</param>
public sealed record AbsentAgent(Guid Id, string Name, AgentPresence Presence, bool PausedBySupervisor, DateTimeOffset? PresenceSince, int OpenConversations);

/// <summary>
/// An agent who set themself away longer than the grace period hands their open conversations back to the queue, so
/// customers are not left waiting on someone who stepped out. A paused agent keeps theirs: a supervisor who pauses
/// someone (a meeting, a coaching session) knows they are coming back and can move conversations by hand. Offline
/// hands everything back at once, elsewhere.
/// </summary>
public static class AwayGracePeriod
{
    /// <param name="grace">Zero or less: away agents always keep their conversations.</param>
    public static bool HandsBackWork(AbsentAgent agent, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return grace > TimeSpan.Zero
            && agent.Presence == AgentPresence.Away
            && !agent.PausedBySupervisor
            && agent.OpenConversations > 0
            && agent.PresenceSince is { } since
            && now - since >= grace;
    }

    /// <summary>Why their conversations went back to the queue, for the conversations' history.</summary>
    public static string Reason(AbsentAgent agent, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return $"their agent {agent.Name} was away longer than {grace}";
    }
}
