using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using CxInbox.Routing.Presence;
using Dapper;

namespace CxInbox.Data.Agents;

/// <summary>Every SQL statement that touches <c>agents</c> and <c>agent_skills</c>.</summary>
public sealed class AgentStore(Database database)
{
    private const string InsertAgent = """
        INSERT INTO agents (id, name, capacity, presence, open_conversations, created_at, languages, channels, presence_changed_at)
        VALUES (@id, @name, @capacity, @presence, 0, @createdAt, @languages, @channels, @createdAt)
        """;

    private const string InsertSkill = "INSERT INTO agent_skills (agent_id, skill) VALUES (@agentId, @skill) ON CONFLICT DO NOTHING";

    private const string InsertTeam = "INSERT INTO agent_teams (agent_id, team) VALUES (@agentId, @team) ON CONFLICT DO NOTHING";

    private const string SelectTeams = "SELECT agent_id, team FROM agent_teams ORDER BY team";

    private const string SelectAgentTeams = "SELECT agent_id, team FROM agent_teams WHERE agent_id = @id ORDER BY team";

    private const string SelectAgents = """
        SELECT id, name, capacity, presence, open_conversations, load_hundredths, last_assigned_at, created_at, languages, channels
        FROM agents
        ORDER BY name, id
        """;

    private const string SelectAgent = """
        SELECT id, name, capacity, presence, open_conversations, load_hundredths, last_assigned_at, created_at, languages, channels
        FROM agents
        WHERE id = @id
        """;

    private const string SelectSkills = "SELECT agent_id, skill FROM agent_skills ORDER BY skill";

    private const string SelectAgentSkills = "SELECT agent_id, skill FROM agent_skills WHERE agent_id = @id ORDER BY skill";

    // The agent's own choice ends a pause; the time restarts only when the presence really changes (or a pause ends).
    private const string UpdatePresence = """
        UPDATE agents
        SET presence = @presence, paused = FALSE,
            presence_changed_at = CASE WHEN presence = @presence AND paused = FALSE THEN presence_changed_at ELSE @now END
        WHERE id = @id
        """;

    private const string CountAgents = "SELECT COUNT(*) FROM agents";

    private const string SelectSnapshots = """
        SELECT id, name, presence, open_conversations, load_hundredths, capacity, last_assigned_at, languages, channels
        FROM agents
        """;

    // The first of @ids, in their order, whose row no other transaction holds and who still has room: every router's
    // snapshot picks the same least-loaded agent, so the rows of agents other routers are claiming are skipped, not
    // queued behind. NO KEY UPDATE is the lock the UPDATE itself takes; FOR UPDATE would also skip an agent merely
    // referenced by another open transaction (a conversation being given to them). The capacity check is re-made on
    // the locked row in the same statement as the increment.
    private const string ClaimFirstFreePostgres = """
        UPDATE agents
        SET open_conversations = open_conversations + 1,
            load_hundredths = load_hundredths + (SELECT weight_hundredths FROM conversations WHERE id = @conversationId),
            last_assigned_at = @now
        WHERE id = (SELECT a.id FROM agents a JOIN unnest(@ids) WITH ORDINALITY AS choice(id, place) ON choice.id = a.id
                    WHERE a.presence = 'online'
                      AND a.load_hundredths + (SELECT weight_hundredths FROM conversations WHERE id = @conversationId) <= a.capacity * 100
                    ORDER BY choice.place
                    LIMIT 1
                    FOR NO KEY UPDATE OF a SKIP LOCKED)
          AND presence = 'online'
          AND load_hundredths + (SELECT weight_hundredths FROM conversations WHERE id = @conversationId) <= capacity * 100
        RETURNING id
        """;

    private const string UpdateCapacity = "UPDATE agents SET capacity = @capacity WHERE id = @id";

    // Only from the expected presence: pausing an agent who just went offline must not bring them back as away.
    private const string ChangePresence = """
        UPDATE agents SET presence = @presence, paused = @paused, presence_changed_at = @now WHERE id = @id AND presence = @expected
        """;

    private const string SelectAwayWithWork = """
        SELECT id, name, presence, paused, presence_changed_at, open_conversations FROM agents
        WHERE presence = 'away' AND open_conversations > 0
        """;

    // Re-checked under the agent's row lock, taken after their conversations' (the store's lock order): an agent who
    // came back, or was paused, since the sweeper looked keeps their work. NO KEY UPDATE, as in LockAgentsPostgres.
    private const string LockIfAwayUnpausedPostgres = """
        SELECT id FROM agents WHERE id = @id AND presence = 'away' AND paused = FALSE AND presence_changed_at <= @cutoff FOR NO KEY UPDATE
        """;

    private const string SelectIfAwayUnpaused = """
        SELECT id FROM agents WHERE id = @id AND presence = 'away' AND paused = FALSE AND presence_changed_at <= @cutoff
        """;

    private const string SelectTeamLead = "SELECT agent_id FROM team_leads WHERE team = @team";

    private const string UpsertTeamLead = """
        INSERT INTO team_leads (team, agent_id, set_at, set_by) VALUES (@team, @agentId, @now, @actor)
        ON CONFLICT (team) DO UPDATE SET agent_id = excluded.agent_id, set_at = excluded.set_at, set_by = excluded.set_by
        """;

    private const string DeleteTeamLead = "DELETE FROM team_leads WHERE team = @team";

    // NO KEY UPDATE, the lock an UPDATE of the agent's counters takes: it serialises with every claim and change of
    // load, but not with the key-share lock a conversation's foreign key takes on its agent when a batch writes it with
    // that agent, in thread order rather than id order (InboundBatchStore). FOR UPDATE would wait for that lock and
    // could close a cycle with the batch's claim.
    private const string LockAgentsPostgres = "SELECT id FROM agents WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE";

    public async Task<AgentRecord> CreateAsync(NewAgent agent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var id = Guid.CreateVersion7(now);
        await using var tx = await database.BeginAsync(cancellationToken);
        await tx.Connection.ExecuteAsync(new CommandDefinition(InsertAgent,
            new
            {
                id, name = agent.Name, capacity = agent.Capacity, presence = agent.Presence.ToName(), createdAt = now,
                languages = JoinList(agent.Languages), channels = JoinList(agent.Channels),
            },
            tx.Transaction, cancellationToken: cancellationToken));
        foreach (var skill in agent.Skills.Distinct(StringComparer.Ordinal))
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertSkill, new { agentId = id, skill }, tx.Transaction, cancellationToken: cancellationToken));
        }

        foreach (var team in agent.Teams.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertTeam, new { agentId = id, team }, tx.Transaction, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken) =>
        await SelectAsync(null, cancellationToken);

    public async Task<AgentRecord?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await SelectAsync(id, cancellationToken)).SingleOrDefault();

    /// <summary>The agent's own presence change; it ends a supervisor's pause.</summary>
    public async Task<bool> SetPresenceAsync(Guid id, AgentPresence presence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(UpdatePresence, new { id, presence = presence.ToName(), now }, cancellationToken: cancellationToken));
        return rows == 1;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountAgents, cancellationToken: cancellationToken));
    }

    /// <summary>The three queries <see cref="SnapshotsAsync"/> sends, for a store that sends them with its own statements
    /// (<see cref="Conversations.InboundBatchStore"/>) and reads them with <see cref="ReadSnapshotsAsync"/>.</summary>
    internal const string SnapshotQueries = SelectSnapshots + ";\n" + SelectTeams + ";\n" + SelectSkills;

    public async Task<IReadOnlyList<AgentSnapshot>> SnapshotsAsync(StoreTransaction tx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        // All three queries in one round trip.
        await using var results = await tx.Connection.QueryMultipleAsync(new CommandDefinition(SnapshotQueries,
            transaction: tx.Transaction, cancellationToken: cancellationToken));
        return await ReadSnapshotsAsync(results);
    }

    internal static async Task<IReadOnlyList<AgentSnapshot>> ReadSnapshotsAsync(SqlMapper.GridReader results)
    {
        var rows = (await results.ReadAsync<AgentRow>()).ToList();
        var teams = (await results.ReadAsync<TeamRow>()).ToLookup(t => t.AgentId, t => t.Team);
        var skills = (await results.ReadAsync<SkillRow>()).ToLookup(s => s.AgentId, s => s.Skill);
        return rows.Select(r => new AgentSnapshot(r.Id, r.Name, ParsePresence(r.Presence), r.OpenConversations, r.Capacity, r.LastAssignedAt,
            [.. teams[r.Id]], SplitList(r.Languages), SplitList(r.Channels), [.. skills[r.Id]]) { Load = AgentLoadSql.FromHundredths(r.LoadHundredths) }).ToList();
    }

    /// <summary>Adds the conversation's stored weight to the agent's load if they are still online and it fits below
    /// their capacity (<see cref="AgentLoadSql"/>).</summary>
    public async Task<bool> TryClaimCapacityAsync(StoreTransaction tx, Guid agentId, Guid conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = await tx.Connection.ExecuteAsync(new CommandDefinition(AgentLoadSql.Claim, new { id = agentId, conversationId, now }, tx.Transaction,
            cancellationToken: cancellationToken));
        return rows == 1;
    }

    /// <summary>Claims capacity on the first of <paramref name="agentIds"/>, in their order, who has room and whose row no
    /// other transaction holds (PostgreSQL), in one statement and without waiting; returns who was claimed, or null.
    /// SQLite's write transaction holds the whole database, so there nobody is being claimed: the agents are tried in
    /// order with the plain claim.</summary>
    public async Task<Guid?> TryClaimFirstFreeAsync(StoreTransaction tx, IReadOnlyList<Guid> agentIds, Guid conversationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(agentIds);
        if (database.Dialect == Dialect.Postgres)
        {
            return await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(ClaimFirstFreePostgres,
                new { ids = agentIds.ToArray(), conversationId, now }, tx.Transaction, cancellationToken: cancellationToken));
        }

        foreach (var agentId in agentIds)
        {
            if (await TryClaimCapacityAsync(tx, agentId, conversationId, now, cancellationToken))
            {
                return agentId;
            }
        }

        return null;
    }

    /// <summary>Locks the agents' rows in id order until the transaction ends, after any conversation rows (see
    /// ConversationStore.LockAsync). SQLite needs nothing: its write transaction already holds the whole database.</summary>
    public async Task LockAsync(StoreTransaction tx, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var distinct = ids.Distinct().ToArray();
        if (database.Dialect == Dialect.Postgres && distinct.Length > 0)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(LockAgentsPostgres, new { ids = distinct }, tx.Transaction, cancellationToken: cancellationToken));
        }
    }

    public async Task<bool> SetCapacityAsync(StoreTransaction tx, Guid id, int capacity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = await tx.Connection.ExecuteAsync(new CommandDefinition(UpdateCapacity, new { id, capacity }, tx.Transaction, cancellationToken: cancellationToken));
        return rows == 1;
    }

    /// <summary>A supervisor's pause (to away) or resume: changes the agent's presence if it is still
    /// <paramref name="expected"/>. A paused agent keeps their conversations however long they are away.</summary>
    public async Task<bool> ChangePresenceAsync(StoreTransaction tx, Guid id, AgentPresence expected, AgentPresence presence, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var rows = await tx.Connection.ExecuteAsync(new CommandDefinition(ChangePresence,
            new { id, expected = expected.ToName(), presence = presence.ToName(), paused = presence == AgentPresence.Away, now },
            tx.Transaction, cancellationToken: cancellationToken));
        return rows == 1;
    }

    /// <summary>The agent who leads the team; null when it has none.</summary>
    public async Task<Guid?> TeamLeadAsync(StoreTransaction tx, string team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SelectTeamLead, new { team }, tx.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Makes the agent the team's lead, or (null) leaves the team without one.</summary>
    public async Task SetTeamLeadAsync(StoreTransaction tx, string team, Guid? agentId, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        await tx.Connection.ExecuteAsync(new CommandDefinition(agentId is null ? DeleteTeamLead : UpsertTeamLead, new { team, agentId, now, actor }, tx.Transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>Away agents who still hold conversations.</summary>
    public async Task<IReadOnlyList<AbsentAgent>> AwayWithWorkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AbsentRow>(new CommandDefinition(SelectAwayWithWork, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AbsentAgent(r.Id, r.Name, ParsePresence(r.Presence), r.Paused, r.PresenceChangedAt, r.OpenConversations))];
    }

    /// <summary>Locks the agent's row if they are still away by their own choice since <paramref name="cutoff"/> or
    /// earlier. Take it after their conversations' rows (see ConversationStore.LockAsync).</summary>
    public async Task<bool> LockIfAwayUnpausedSinceAsync(StoreTransaction tx, Guid id, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var sql = database.Dialect == Dialect.Postgres ? LockIfAwayUnpausedPostgres : SelectIfAwayUnpaused;
        return await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(sql, new { id, cutoff }, tx.Transaction,
            cancellationToken: cancellationToken)) is not null;
    }

    private async Task<IReadOnlyList<AgentRecord>> SelectAsync(Guid? id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var agents = await connection.QueryAsync<AgentRow>(new CommandDefinition(id is null ? SelectAgents : SelectAgent, new { id }, cancellationToken: cancellationToken));
        var skills = (await connection.QueryAsync<SkillRow>(new CommandDefinition(id is null ? SelectSkills : SelectAgentSkills, new { id }, cancellationToken: cancellationToken)))
            .ToLookup(s => s.AgentId, s => s.Skill);
        var teams = (await connection.QueryAsync<TeamRow>(new CommandDefinition(id is null ? SelectTeams : SelectAgentTeams, new { id }, cancellationToken: cancellationToken)))
            .ToLookup(t => t.AgentId, t => t.Team);
        return agents.Select(a => new AgentRecord(a.Id, a.Name, [.. skills[a.Id]], a.Capacity, ParsePresence(a.Presence),
            a.OpenConversations, a.LastAssignedAt, a.CreatedAt)
        {
            Load = AgentLoadSql.FromHundredths(a.LoadHundredths),
            Teams = [.. teams[a.Id]],
            Languages = SplitList(a.Languages),
            Channels = SplitList(a.Channels),
        }).ToList();
    }

    // Languages and channels are short lower-case keys, kept as one comma-separated column each.
    private static string JoinList(IReadOnlyList<string> values) =>
        string.Join(',', values.Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));

    private static string[] SplitList(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static AgentPresence ParsePresence(string text) =>
        AgentPresenceNames.TryParse(text, out var presence) ? presence : AgentPresence.Offline;

    private sealed class AgentRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public int Capacity { get; init; }
        public string Presence { get; init; } = "";
        public int OpenConversations { get; init; }
        public int LoadHundredths { get; init; }
        public DateTimeOffset? LastAssignedAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? Languages { get; init; }
        public string? Channels { get; init; }
    }

    private sealed class AbsentRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Presence { get; init; } = "";
        public bool Paused { get; init; }
        public DateTimeOffset? PresenceChangedAt { get; init; }
        public int OpenConversations { get; init; }
    }

    private sealed class TeamRow
    {
        public Guid AgentId { get; init; }
        public string Team { get; init; } = "";
    }

    private sealed class SkillRow
    {
        public Guid AgentId { get; init; }
        public string Skill { get; init; } = "";
    }
}
