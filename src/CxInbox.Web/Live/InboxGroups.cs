namespace CxInbox.Web.Live;

/// <summary>Who a hub connection is: the parts of the signed-in principal that decide which live events it gets.</summary>
public sealed record HubMember(string Role, Guid? AgentId, IReadOnlyList<string> Teams);

/// <summary>The SignalR groups of the UI contract: <c>agent:{id}</c>, <c>team:{team}</c> and <c>supervisors</c>.</summary>
public static class InboxGroups
{
    public const string Supervisors = "supervisors";

    public static string Agent(Guid agentId) => $"agent:{agentId:D}";

    public static string Team(string team) => $"team:{team}";

    /// <summary>The groups a connection joins. Supervisors and admins hear every event in <c>supervisors</c> and
    /// filter by what their API calls return; agents hear their own events and their teams' queues.</summary>
    public static IReadOnlyList<string> For(HubMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var groups = new List<string>();
        if (member.AgentId is { } agentId)
        {
            groups.Add(Agent(agentId));
        }

        groups.AddRange(member.Teams.Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Select(Team));
        if (member.Role is "supervisor" or "admin")
        {
            groups.Add(Supervisors);
        }

        return groups;
    }

    /// <summary>Where an event about a conversation goes: its agents (old and new), its team, and supervisors.</summary>
    public static IReadOnlyList<string> ForConversation(IEnumerable<Guid?> agentIds, string? team)
    {
        ArgumentNullException.ThrowIfNull(agentIds);
        var groups = agentIds.OfType<Guid>().Distinct().Select(Agent).ToList();
        if (!string.IsNullOrEmpty(team))
        {
            groups.Add(Team(team));
        }

        groups.Add(Supervisors);
        return groups;
    }
}
