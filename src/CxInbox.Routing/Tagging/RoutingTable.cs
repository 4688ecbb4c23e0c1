namespace CxInbox.Routing.Tagging;

/// <summary>Where a conversation should go and how urgently.</summary>
/// <param name="Team">The team whose agents may take it; null when any agent may.</param>
/// <param name="Priority">Higher is served first; see <see cref="Priorities"/>.</param>
/// <param name="Rule">Which row of the table decided, for the supervisor.</param>
/// <param name="Skill">The skill an agent needs to take it; null when any agent of the team may.</param>
public sealed record RoutingTarget(string? Team, int Priority, string Rule, string? Skill = null);

public static class Priorities
{
    public const int Normal = 0;
    public const int High = 10;
}

/// <summary>
/// Maps a conversation's tags to a team and a priority. Complaints first, to service and with priority, whatever else
/// the customer mentions; then sales opportunities, to sales; then the stage's team. The rows are configuration
/// (<c>Routing:Table</c>); <see cref="Default"/> is the product's default.
/// </summary>
public sealed record RoutingTable(RoutingTarget Complaint, RoutingTarget SalesOpportunity, IReadOnlyDictionary<string, RoutingTarget> ByStage)
{
    public static RoutingTable Default { get; } = new(
        new RoutingTarget("service", Priorities.High, "complaint → service, high priority"),
        new RoutingTarget("sales", Priorities.Normal, "sales opportunity → sales"),
        new Dictionary<string, RoutingTarget>(StringComparer.Ordinal)
        {
            ["insight"] = new("service", Priorities.Normal, "stage insight → service"),
            ["promotion"] = new("sales", Priorities.Normal, "stage promotion → sales"),
            ["transaction"] = new("sales", Priorities.Normal, "stage transaction → sales"),
            ["delivery"] = new("service", Priorities.Normal, "stage delivery → service"),
            ["support"] = new("service", Priorities.Normal, "stage support → service"),
            ["return"] = new("service", Priorities.Normal, "stage return → service"),
        });

    public RoutingTarget Decide(ConversationTags tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Complaint)
        {
            return Complaint;
        }

        if (tags.SalesOpportunity)
        {
            return SalesOpportunity;
        }

        return ByStage.TryGetValue(tags.Stage, out var target) ? target : new RoutingTarget(null, Priorities.Normal, $"stage {tags.Stage} → any team");
    }
}
