namespace CxInbox.Routing.Tagging;

/// <summary>The <c>Routing:Table</c> section: which team gets which tags, and how urgently. Anything left out keeps
/// the default of <see cref="RoutingTable.Default"/> (complaints to service with high priority, sales opportunities
/// to sales, stages to their team).</summary>
public sealed class RoutingTableOptions
{
    public const string SectionName = "Routing:Table";

    /// <summary>Where complaints go. Default: service, priority 10.</summary>
    public RouteOptions? Complaint { get; set; }

    /// <summary>Where sales opportunities go. Default: sales, priority 0.</summary>
    public RouteOptions? SalesOpportunity { get; set; }

    /// <summary>Where each journey stage goes when the conversation is neither. Default: insight, delivery, support
    /// and return to service; promotion and transaction to sales.</summary>
    public Dictionary<string, RouteOptions> Stages { get; set; } = [];

    public RoutingTable ToTable()
    {
        var table = RoutingTable.Default;
        var stages = new Dictionary<string, RoutingTarget>(table.ByStage, StringComparer.Ordinal);
        foreach (var (stage, route) in Stages)
        {
            stages[stage] = route.ToTarget($"stage {stage}");
        }

        return new RoutingTable(
            Complaint?.ToTarget("complaint") ?? table.Complaint,
            SalesOpportunity?.ToTarget("sales opportunity") ?? table.SalesOpportunity,
            stages);
    }
}

public sealed class RouteOptions
{
    /// <summary>The team; empty means any agent.</summary>
    public string? Team { get; set; }

    /// <summary>Higher is served first. Default: 0.</summary>
    public int Priority { get; set; }

    /// <summary>The skill (as agents list theirs in <c>POST /api/agents</c>) an agent needs to take these
    /// conversations; empty: none. Default: none.</summary>
    public string? Skill { get; set; }

    internal RoutingTarget ToTarget(string what)
    {
        var skill = string.IsNullOrWhiteSpace(Skill) ? null : Skill.Trim();
        return new(string.IsNullOrWhiteSpace(Team) ? null : Team, Priority,
            $"{what} → {(string.IsNullOrWhiteSpace(Team) ? "any team" : Team)}{(Priority > 0 ? $", priority {Priority}" : "")}{(skill is null ? "" : $", skill {skill}")}",
            skill);
    }
}
