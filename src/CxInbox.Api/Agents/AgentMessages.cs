using System.Text.RegularExpressions;
using CxInbox.Data.Agents;
using CxInbox.Routing.Assignment;

namespace CxInbox.Api.Agents;

public sealed partial record CreateAgentRequest(string? Name, IReadOnlyList<string>? Skills, int? Capacity, string? Status,
    IReadOnlyList<string>? Teams = null, IReadOnlyList<string>? Languages = null, IReadOnlyList<string>? Channels = null)
{
    public const int DefaultCapacity = 5;
    public const int MaxCapacity = 100;

    public Dictionary<string, string[]> Validate(out AgentPresence presence)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > 200)
        {
            errors["name"] = ["Required, at most 200 characters."];
        }

        if (Skills is not null && Skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100))
        {
            errors["skills"] = ["Each skill must be a non-empty name of at most 100 characters."];
        }

        if (Teams is not null && Teams.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 100))
        {
            errors["teams"] = ["Each team must be a non-empty name of at most 100 characters; leave the list out for no restriction."];
        }

        if (Languages is not null && Languages.Any(l => l is null || !LanguageKey().IsMatch(l)))
        {
            errors["languages"] = ["Each language is a code such as en or id (BCP 47: two or three letters, optionally a region); leave the list out for any language."];
        }

        if (Channels is not null && Channels.Any(c => c is null || !ChannelKey().IsMatch(c)))
        {
            errors["channels"] = ["Each channel is a channel key such as sms, email, facebook, x or x-dm; leave the list out for every channel."];
        }

        if (Capacity is < 0 or > MaxCapacity)
        {
            errors["capacity"] = [$"The number of conversations the agent can hold at once: 0 to {MaxCapacity}; default {DefaultCapacity}."];
        }

        presence = AgentPresence.Offline;
        if (Status is not null && !AgentPresenceNames.TryParse(Status, out presence))
        {
            errors["status"] = ["Must be one of online, away, offline; default offline."];
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguageKey();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,49}$")]
    private static partial Regex ChannelKey();
}

public sealed record PresenceRequest(string? Status);

/// <param name="Load">The weights of the conversations the agent holds (<c>Routing:ChannelWeights</c>), all channels
/// together; capacity is compared with it. Equal to <paramref name="OpenConversations"/> when every channel weighs 1.</param>
public sealed record AgentResponse(
    Guid Id,
    string Name,
    IReadOnlyList<string> Skills,
    int Capacity,
    string Status,
    int OpenConversations,
    DateTimeOffset? LastAssignedAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Channels,
    decimal Load)
{
    public static AgentResponse From(AgentRecord agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new(agent.Id, agent.Name, agent.Skills, agent.Capacity, agent.Presence.ToName(), agent.OpenConversations,
            agent.LastAssignedAt, agent.CreatedAt, agent.Teams, agent.Languages, agent.Channels, agent.Load);
    }
}
