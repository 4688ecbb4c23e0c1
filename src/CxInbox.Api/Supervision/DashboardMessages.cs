using System.Globalization;
using CxInbox.Data.Supervision;

namespace CxInbox.Api.Supervision;

/// <summary>The query of <c>GET /api/supervision/dashboard</c>: the team in view (default: every team the caller
/// supervises) and the range the volume figures cover (default: today, as a UTC day).</summary>
public sealed record DashboardQuery(string? Team, string? From, string? To)
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    public Dictionary<string, string[]> Validate(DateTimeOffset now, out DateTimeOffset from, out DateTimeOffset to)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Parse(From, "from", errors);
        var end = Parse(To, "to", errors);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        from = start ?? (end is { } e ? e - TimeSpan.FromDays(1) : today);
        to = end ?? from + TimeSpan.FromDays(1);
        if (errors.Count == 0 && (to <= from || to - from > MaxRange))
        {
            errors["to"] = [$"After from, and at most {MaxRange.TotalDays:0} days after it."];
        }

        if (Team is not null && (string.IsNullOrWhiteSpace(Team) || Team.Trim().Length > 100))
        {
            errors["team"] = ["A team's name, at most 100 characters."];
        }

        return errors;
    }

    private static DateTimeOffset? Parse(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        errors[name] = ["An ISO 8601 time, e.g. 2026-12-04T00:00:00Z."];
        return null;
    }
}

/// <param name="Teams">The teams in view; null: every team, conversations not yet routed to one included.</param>
public sealed record DashboardResponse(
    DateTimeOffset AsOf,
    IReadOnlyList<string>? Teams,
    IReadOnlyList<DashboardAgentResponse> Agents,
    IReadOnlyList<QueueDepthResponse> Queues,
    SlaBreachesResponse SlaBreaches,
    VolumeResponse Volume,
    IReadOnlyList<EscalationResponse> Escalations)
{
    /// <summary>How many open breaches the response lists; <see cref="SlaBreachesResponse.Total"/> counts them all.</summary>
    public const int BreachesListed = 100;

    /// <summary>Narrows the facts to the teams in view (null: all) and lays the volume out hour by hour.</summary>
    public static DashboardResponse From(DashboardFacts facts, IReadOnlyCollection<string>? teams, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        bool InView(string? team) => teams is null || (team is not null && teams.Contains(team, StringComparer.OrdinalIgnoreCase));

        // An agent with no teams takes any team's work, so they belong in every team's view.
        var agents = facts.Agents
            .Where(a => teams is null || a.Teams.Count == 0 || a.Teams.Any(InView))
            .Select(a => new DashboardAgentResponse(a.Id, a.Name, a.Presence, a.Teams, a.Load, a.Capacity, a.OldestWaitingSince, Seconds(now, a.OldestWaitingSince)))
            .ToList();
        var queues = facts.Queues.Where(q => InView(q.Team))
            .Select(q => new QueueDepthResponse(q.Team, q.Channel, q.Priority, q.Waiting, q.WaitingSince, Seconds(now, q.WaitingSince)!.Value))
            .ToList();
        var breaches = facts.Breaches.Where(b => InView(b.Team)).ToList();
        return new DashboardResponse(now, teams?.Order(StringComparer.Ordinal).ToList(), agents, queues,
            new SlaBreachesResponse(breaches.Count, [.. breaches.Take(BreachesListed).Select(b => SlaBreachResponse.From(b, now))]),
            VolumeResponse.Of([.. facts.Volume.Where(v => InView(v.Team))], from, to),
            [.. facts.Escalations.Where(e => InView(e.Team)).Take(BreachesListed).Select(e => new EscalationResponse(e.ConversationId, e.Team, e.Channel,
                new AgentRefResponse(e.AssigneeId, e.AssigneeName), e.LeadId is { } lead ? new AgentRefResponse(lead, e.LeadName) : null, e.EscalatedAt))]);
    }

    private static long? Seconds(DateTimeOffset now, DateTimeOffset? since) =>
        since is { } s ? Math.Max(0, (long)(now - s).TotalSeconds) : null;
}

/// <param name="OldestWaitingSince">The oldest customer message on the agent's open conversations with no reply
/// after it; null when nobody waits for them.</param>
public sealed record DashboardAgentResponse(
    Guid Id,
    string Name,
    string Presence,
    IReadOnlyList<string> Teams,
    decimal Load,
    int Capacity,
    DateTimeOffset? OldestWaitingSince,
    long? OldestWaitingSeconds);

/// <param name="Team">Null for conversations the routing table has not given a team yet.</param>
public sealed record QueueDepthResponse(string? Team, string Channel, int Priority, long Waiting, DateTimeOffset OldestWaitingSince, long OldestWaitingSeconds);

/// <summary>A conversation escalated to its team's lead because its agent did not answer in time and nobody else had
/// room; it stays listed until someone sends on it or it is resolved.</summary>
/// <param name="Lead">Null when the team had no lead when it escalated.</param>
public sealed record EscalationResponse(Guid ConversationId, string? Team, string Channel, AgentRefResponse Assignee, AgentRefResponse? Lead,
    DateTimeOffset EscalatedAt);

public sealed record SlaBreachesResponse(int Total, IReadOnlyList<SlaBreachResponse> Items);

public sealed record SlaBreachResponse(
    Guid ConversationId,
    string? Team,
    string Channel,
    int Priority,
    string Customer,
    AgentRefResponse? Assignee,
    DateTimeOffset DueAt,
    DateTimeOffset BreachedAt,
    long OverdueSeconds)
{
    public static SlaBreachResponse From(OpenBreach breach, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return new(breach.ConversationId, breach.Team, breach.Channel, breach.Priority, breach.CustomerName ?? breach.CustomerAddress,
            breach.AssigneeId is { } id ? new AgentRefResponse(id, breach.AssigneeName) : null,
            breach.DueAt, breach.BreachedAt, Math.Max(0, (long)(now - breach.DueAt).TotalSeconds));
    }
}

/// <param name="Channels">Every channel with a message in the range, in name order.</param>
/// <param name="Stages">Every journey stage with a message in the range, in name order (<c>untagged</c> for
/// messages the classifier gave none).</param>
/// <param name="Hours">Every UTC hour from the one <c>from</c> falls in up to <c>to</c>, empty hours included.</param>
public sealed record VolumeResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Stages,
    IReadOnlyList<VolumeHourResponse> Hours)
{
    public const string Untagged = "untagged";

    public static VolumeResponse Of(IReadOnlyList<VolumeCount> counts, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var byHour = counts.ToLookup(c => c.Hour.ToUniversalTime());
        var hours = new List<VolumeHourResponse>();
        var first = new DateTimeOffset(from.UtcDateTime.Date.AddHours(from.UtcDateTime.Hour), TimeSpan.Zero);
        for (var hour = first; hour < to; hour = hour.AddHours(1))
        {
            var rows = byHour[hour].ToList();
            var messages = rows.Sum(r => r.Messages);
            var complaints = rows.Where(r => r.Complaint).Sum(r => r.Messages);
            hours.Add(new VolumeHourResponse(hour, messages, complaints, messages == 0 ? null : (double)complaints / messages,
                Totals(rows, r => r.Channel), Totals(rows, r => r.JourneyStage ?? Untagged)));
        }

        return new VolumeResponse(from, to,
            [.. counts.Select(c => c.Channel).Distinct().Order(StringComparer.Ordinal)],
            [.. counts.Select(c => c.JourneyStage ?? Untagged).Distinct().Order(StringComparer.Ordinal)],
            hours);
    }

    private static SortedDictionary<string, long> Totals(IEnumerable<VolumeCount> rows, Func<VolumeCount, string> key) =>
        new(rows.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(r => r.Messages)), StringComparer.Ordinal);
}

/// <param name="ComplaintRate">The share of the hour's customer messages the classifier tagged as a complaint, 0 to 1;
/// null for an hour without messages.</param>
public sealed record VolumeHourResponse(
    DateTimeOffset Hour,
    long Messages,
    long Complaints,
    double? ComplaintRate,
    IReadOnlyDictionary<string, long> ByChannel,
    IReadOnlyDictionary<string, long> ByStage);
