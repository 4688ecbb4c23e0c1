using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Supervision;

/// <summary>The read-only queries behind the supervisor's dashboard. All of them run in one snapshot, so the agents'
/// load, the queues, the breaches and the day's volume are figures of the same moment.</summary>
public sealed class DashboardStore(Database database)
{
    private const string SelectAgents = """
        SELECT id, name, presence, load_hundredths, capacity FROM agents ORDER BY name, id
        """;

    private const string SelectAgentTeams = "SELECT agent_id, team FROM agent_teams ORDER BY team";

    // A customer message waits for a reply while nothing was sent on its conversation at or after it. Per agent, the
    // oldest such message on their open conversations (pending and snoozed ones are set aside on purpose).
    private const string SelectOldestWaiting = """
        SELECT c.assignee_id AS agent_id, MIN(m.sent_at) AS waiting_since
        FROM conversations c
        JOIN messages m ON m.conversation_id = c.id AND m.direction = 'inbound'
        WHERE c.assignee_id IS NOT NULL AND c.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM messages r
                          WHERE r.conversation_id = c.id AND r.direction = 'outbound' AND r.sent_at >= m.sent_at)
        GROUP BY c.assignee_id
        """;

    // Waiting since it was queued; a conversation that never had an agent counts from its start.
    private const string SelectQueues = """
        SELECT c.team, c.channel, c.priority, COUNT(*) AS waiting, MIN(COALESCE(c.queued_at, c.created_at)) AS waiting_since
        FROM conversations c
        WHERE c.assignee_id IS NULL AND c.status <> 'resolved'
        GROUP BY c.team, c.channel, c.priority
        ORDER BY c.team, c.channel, c.priority DESC
        """;

    // A reply or a resolve clears sla_breached_at: what is left is a customer still waiting past the target.
    private const string SelectBreaches = """
        SELECT c.id AS conversation_id, c.team, c.channel, c.priority, cu.display_name AS customer_name, c.customer_address,
               c.assignee_id, a.name AS assignee_name, c.response_due_at AS due_at, c.sla_breached_at AS breached_at
        FROM conversations c
        JOIN customers cu ON cu.id = c.customer_id
        LEFT JOIN agents a ON a.id = c.assignee_id
        WHERE c.sla_breached_at IS NOT NULL AND c.status <> 'resolved'
        ORDER BY c.response_due_at, c.id
        """;

    // Escalated while its agent held it, and still nothing sent since: the lead still has something to do.
    private const string SelectEscalations = """
        SELECT c.id AS conversation_id, c.team, c.channel, c.assignee_id, a.name AS assignee_name, c.escalated_to AS lead_id,
               l.name AS lead_name, c.escalated_at
        FROM conversations c
        JOIN agents a ON a.id = c.assignee_id
        LEFT JOIN agents l ON l.id = c.escalated_to
        WHERE c.escalated_at IS NOT NULL AND c.escalated_at >= c.assigned_at AND c.status <> 'resolved'
          AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.sent_at >= c.escalated_at)
        ORDER BY c.escalated_at, c.id
        """;

    // Customer messages by UTC hour, channel, stage, complaint and the team their conversation is with now.
    private const string VolumeColumns = """
        COUNT(*) AS messages, m.channel, m.journey_stage, COALESCE(m.complaint, FALSE) AS complaint, c.team
        FROM messages m
        JOIN conversations c ON c.id = m.conversation_id
        WHERE m.direction = 'inbound' AND m.sent_at >= @from AND m.sent_at < @to
        GROUP BY 1, m.channel, m.journey_stage, COALESCE(m.complaint, FALSE), c.team

        """;

    private const string SelectVolumePostgres = "SELECT date_trunc('hour', m.sent_at, 'UTC') AS hour, " + VolumeColumns;

    // Times are fixed-width UTC text in SQLite (yyyy-MM-ddTHH:mm:ss.fffffffZ): the hour is its first 13 characters.
    private const string SelectVolumeSqlite = "SELECT substr(m.sent_at, 1, 13) || ':00:00.0000000Z' AS hour, " + VolumeColumns;

    public async Task<DashboardFacts> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var tx = await database.BeginSnapshotAsync(cancellationToken);
        var agents = await QueryAsync<DashboardAgentRow>(tx, SelectAgents, null, cancellationToken);
        var teams = (await QueryAsync<AgentTeamRow>(tx, SelectAgentTeams, null, cancellationToken)).ToLookup(t => t.AgentId, t => t.Team);
        var waiting = (await QueryAsync<OldestWaitingRow>(tx, SelectOldestWaiting, null, cancellationToken))
            .ToDictionary(w => w.AgentId, w => (DateTimeOffset?)w.WaitingSince);
        var queues = await QueryAsync<QueueDepth>(tx, SelectQueues, null, cancellationToken);
        var breaches = await QueryAsync<OpenBreach>(tx, SelectBreaches, null, cancellationToken);
        var escalations = await QueryAsync<OpenEscalation>(tx, SelectEscalations, null, cancellationToken);
        var volume = await QueryAsync<VolumeCount>(tx, database.Dialect == Dialect.Postgres ? SelectVolumePostgres : SelectVolumeSqlite,
            new { from, to }, cancellationToken);
        return new DashboardFacts(
            [.. agents.Select(a => new AgentLoad(a.Id, a.Name, a.Presence, [.. teams[a.Id]], AgentLoadSql.FromHundredths(a.LoadHundredths), a.Capacity, waiting.GetValueOrDefault(a.Id)))],
            queues, breaches, volume) { Escalations = escalations };
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(StoreTransaction tx, string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. await tx.Connection.QueryAsync<T>(new CommandDefinition(sql, parameters, tx.Transaction, cancellationToken: cancellationToken))];

    private sealed record DashboardAgentRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Presence { get; init; } = "";
        public int LoadHundredths { get; init; }
        public int Capacity { get; init; }
    }

    private sealed record AgentTeamRow
    {
        public Guid AgentId { get; init; }
        public string Team { get; init; } = "";
    }

    private sealed record OldestWaitingRow
    {
        public Guid AgentId { get; init; }
        public DateTimeOffset WaitingSince { get; init; }
    }
}

/// <summary>Everything the dashboard shows, for every team; the caller narrows it to the teams in view.</summary>
public sealed record DashboardFacts(
    IReadOnlyList<AgentLoad> Agents,
    IReadOnlyList<QueueDepth> Queues,
    IReadOnlyList<OpenBreach> Breaches,
    IReadOnlyList<VolumeCount> Volume)
{
    /// <summary>Conversations escalated to a team lead and not answered since.</summary>
    public IReadOnlyList<OpenEscalation> Escalations { get; init; } = [];
}

public sealed record OpenEscalation
{
    public Guid ConversationId { get; init; }
    public string? Team { get; init; }
    public string Channel { get; init; } = "";
    public Guid AssigneeId { get; init; }
    public string AssigneeName { get; init; } = "";
    public Guid? LeadId { get; init; }
    public string? LeadName { get; init; }
    public DateTimeOffset EscalatedAt { get; init; }
}

/// <param name="OldestWaitingSince">When the oldest customer message without a reply after it, on the agent's open
/// conversations, was sent; null when every customer of theirs has an answer.</param>
public sealed record AgentLoad(Guid Id, string Name, string Presence, IReadOnlyList<string> Teams, decimal Load, int Capacity, DateTimeOffset? OldestWaitingSince);

public sealed record QueueDepth
{
    public string? Team { get; init; }
    public string Channel { get; init; } = "";
    public int Priority { get; init; }
    public long Waiting { get; init; }
    public DateTimeOffset WaitingSince { get; init; }
}

public sealed record OpenBreach
{
    public Guid ConversationId { get; init; }
    public string? Team { get; init; }
    public string Channel { get; init; } = "";
    public int Priority { get; init; }
    public string? CustomerName { get; init; }
    public string CustomerAddress { get; init; } = "";
    public Guid? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public DateTimeOffset BreachedAt { get; init; }
}

/// <summary>How many customer messages of one UTC hour had this channel, stage, complaint flag and team.</summary>
public sealed record VolumeCount
{
    public DateTimeOffset Hour { get; init; }
    public long Messages { get; init; }
    public string Channel { get; init; } = "";
    public string? JourneyStage { get; init; }
    public bool Complaint { get; init; }
    public string? Team { get; init; }
}
