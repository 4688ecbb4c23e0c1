using System.Globalization;
using System.Text.Json;
using CxInbox.Api.Agents;
using CxInbox.Data.Audit;
using CxInbox.Data.Conversations;

namespace CxInbox.Api.Supervision;

/// <summary>Why a supervisor does something: required, so the audit log can answer it later.</summary>
internal static class SupervisorReason
{
    public const int MaxLength = 500;

    public static void Check(string? reason, Dictionary<string, string[]> errors, bool required = true)
    {
        if (reason is null ? required : (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxLength))
        {
            errors["reason"] = [$"Say why, in at most {MaxLength} characters: it goes into the audit log."];
        }
    }
}

/// <summary>To an agent (<see cref="AgentId"/>) or back to a team's queue (<see cref="Team"/>): exactly one.</summary>
public sealed record MoveRequest(Guid? AgentId, string? Team, string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if ((AgentId is null) == string.IsNullOrWhiteSpace(Team))
        {
            errors["agentId"] = ["Give either agentId (move to that agent) or team (back to that team's queue), not both."];
        }
        else if (Team is not null && Team.Trim().Length > 100)
        {
            errors["team"] = ["At most 100 characters."];
        }

        SupervisorReason.Check(Reason, errors);
        return errors;
    }
}

/// <summary>The agent who leads the team (null: the team has no lead from now on), and why.</summary>
public sealed record TeamLeadRequest(Guid? AgentId, string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        SupervisorReason.Check(Reason, errors);
        return errors;
    }
}

/// <param name="Lead">Null when the team has no lead.</param>
public sealed record TeamLeadResponse(string Team, AgentRefResponse? Lead);

public sealed record CapacityRequest(int? Capacity, string? Reason)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Capacity is null or < 0 or > CreateAgentRequest.MaxCapacity)
        {
            errors["capacity"] = [$"The number of conversations the agent can hold at once: 0 to {CreateAgentRequest.MaxCapacity}."];
        }

        SupervisorReason.Check(Reason, errors);
        return errors;
    }
}

public sealed record SupervisorNote(string? Reason);

public sealed record AuditQuery(string? Since, string? Action, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public Dictionary<string, string[]> Validate(out AuditFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        DateTimeOffset? since = null;
        if (Since is not null)
        {
            if (DateTimeOffset.TryParse(Since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                since = parsed;
            }
            else
            {
                errors["since"] = ["An ISO 8601 time, e.g. 2026-12-04T08:00:00Z."];
            }
        }

        if (Action is not null && !AuditActions.All.Contains(Action))
        {
            errors["action"] = [$"One of {string.Join(", ", AuditActions.All)}."];
        }

        if (Page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"From 1 to {MaxPageSize}; default {DefaultPageSize}."];
        }

        filter = new AuditFilter(since, Action, Page ?? 1, PageSize ?? DefaultPageSize);
        return errors;
    }
}

public sealed record AuditTargetResponse(string Type, string Id);

public sealed record AuditEntryResponse(long Id, DateTimeOffset OccurredAt, string Actor, string Action, AuditTargetResponse Target, string Reason, JsonElement? Details)
{
    public static AuditEntryResponse From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        JsonElement? details = null;
        if (record.Details is { } json)
        {
            using var document = JsonDocument.Parse(json);
            details = document.RootElement.Clone();
        }

        return new(record.Id, record.OccurredAt, record.Actor, record.Action, new AuditTargetResponse(record.TargetType, record.TargetId), record.Reason, details);
    }
}

public sealed record AuditPageResponse(IReadOnlyList<AuditEntryResponse> Items, int Page, int PageSize, long Total);

public sealed record AgentRefResponse(Guid Id, string? Name);

public sealed record AssignmentEntryResponse(
    DateTimeOffset OccurredAt,
    string Kind,
    AgentRefResponse? Agent,
    AgentRefResponse? FromAgent,
    string? Team,
    string Reason,
    string? Actor)
{
    public static AssignmentEntryResponse From(AssignmentHistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.OccurredAt, record.Kind,
            record.AgentId is { } agent ? new AgentRefResponse(agent, record.AgentName) : null,
            record.FromAgentId is { } from ? new AgentRefResponse(from, record.FromAgentName) : null,
            record.Team, record.Reason, record.Actor);
    }
}

public sealed record AssignmentHistoryResponse(Guid ConversationId, IReadOnlyList<AssignmentEntryResponse> Items);

public sealed record RebalanceMoveResponse(Guid ConversationId, AgentRefResponse From, AgentRefResponse To, string Reason);

public sealed record AgentLoadResponse(Guid Id, string Name, int Capacity, decimal Before, decimal After);

/// <param name="Applied">False for a preview: nothing moved.</param>
/// <param name="KeptByGuard">Conversations left with their agent because we replied on them within
/// <c>Routing:Rebalance:RecentReplyGuard</c>.</param>
public sealed record RebalanceResponse(string Team, bool Applied, IReadOnlyList<RebalanceMoveResponse> Moves, IReadOnlyList<AgentLoadResponse> Agents, int KeptByGuard);
