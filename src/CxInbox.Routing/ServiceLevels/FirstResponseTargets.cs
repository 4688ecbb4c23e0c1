namespace CxInbox.Routing.ServiceLevels;

/// <summary>
/// How long a customer may wait for an agent's first answer, per channel key. The clock starts at the customer's
/// first unanswered message and stops at the agent's reply or the resolve; messages while it runs do not move it.
/// </summary>
public sealed class FirstResponseTargets(IReadOnlyDictionary<string, TimeSpan> perChannel, TimeSpan fallback)
{
    public TimeSpan For(string channel) => perChannel.TryGetValue(channel, out var target) ? target : fallback;
}
