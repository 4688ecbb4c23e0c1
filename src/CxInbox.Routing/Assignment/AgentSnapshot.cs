using System.Globalization;

namespace CxInbox.Routing.Assignment;

/// <summary>An agent as the router sees them at the moment of a decision.</summary>
/// <param name="OpenConversations">How many conversations the agent holds (open, pending, snoozed).</param>
/// <param name="Capacity">The most load the agent may carry; see <see cref="Load"/>.</param>
/// <param name="Teams">The teams the agent works in; empty means the agent takes any team's work.</param>
/// <param name="Languages">The languages the agent answers in (<c>en</c>, <c>id</c>, …); empty means any.</param>
/// <param name="Channels">The channel keys the agent works (<c>sms</c>, <c>email</c>, …); empty means all.</param>
/// <param name="Skills">The agent's skills (<c>billing</c>, <c>returns</c>, …); empty means no restriction, as for every
/// other list an agent is created with.</param>
public sealed record AgentSnapshot(
    Guid Id,
    string Name,
    AgentPresence Presence,
    int OpenConversations,
    int Capacity,
    DateTimeOffset? LastAssignedAt,
    IReadOnlyList<string>? Teams = null,
    IReadOnlyList<string>? Languages = null,
    IReadOnlyList<string>? Channels = null,
    IReadOnlyList<string>? Skills = null)
{
    private readonly decimal? load;

    /// <summary>The one load figure of the agent, across all channels: the sum of the weights of the conversations
    /// they hold (<see cref="ConversationNeeds.Weight"/>). Compared with <see cref="Capacity"/>. Defaults to
    /// <see cref="OpenConversations"/>, as when every conversation weighs 1.</summary>
    public decimal Load { get => load ?? OpenConversations; init => load = value; }

    /// <summary>Whether a conversation of this weight fits below the agent's capacity.</summary>
    public bool HasRoomFor(decimal weight) => Load + weight <= Capacity;

    /// <summary>Whether <see cref="Load"/> counts a conversation another router is claiming this agent for right now;
    /// see <see cref="BeingClaimed"/>.</summary>
    public bool CountsClaimInFlight { get; private init; }

    /// <summary>"2.5/4": the load against the capacity, as supervisors read it, and whether it counts a claim in
    /// flight, so that a recorded reason does not overstate what the agent held.</summary>
    public string LoadText => $"{Load.ToString("0.##", CultureInfo.InvariantCulture)}/{Capacity}"
        + (CountsClaimInFlight ? " counting a conversation another router is giving them" : "");

    /// <summary>The agent after taking one more conversation of this weight.</summary>
    public AgentSnapshot Taking(decimal weight) => this with { OpenConversations = OpenConversations + 1, Load = Load + weight };

    /// <summary>The agent while another router claims them for a conversation, whose weight this router does not know
    /// and takes to be <paramref name="weight"/>.</summary>
    public AgentSnapshot BeingClaimed(decimal weight) => Taking(weight) with { CountsClaimInFlight = true };

    public bool WorksFor(string? team) => Allows(Teams, team);

    /// <summary>A code-switched (<c>mixed</c>) conversation needs an agent who reads Indonesian: the English in it is
    /// what an Indonesian-speaking agent reads anyway, the Indonesian is what an English-only agent cannot.</summary>
    public bool Speaks(string? language) => Allows(Languages, language == "mixed" ? "id" : language);

    public bool Handles(string? channel) => Allows(Channels, channel);

    public bool Has(string? skill) => Allows(Skills, skill);

    /// <summary>Why this agent may not take a conversation with these needs, whatever their load; null when they may.</summary>
    public string? Mismatch(ConversationNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        return !WorksFor(needs.Team) ? $"is not in {needs.Team}"
            : !Speaks(needs.Language) ? $"does not speak {needs.Language}"
            : !Handles(needs.Channel) ? $"does not work {needs.Channel}"
            : !Has(needs.Skill) ? $"lacks the skill {needs.Skill}"
            : null;
    }

    private static bool Allows(IReadOnlyList<string>? allowed, string? wanted) =>
        wanted is null || allowed is null || allowed.Count == 0 || allowed.Contains(wanted, StringComparer.OrdinalIgnoreCase);
}

/// <summary>What a conversation asks of its agent: the team the routing table chose, the customer's language, the
/// channel and the skill the routing table's row requires. A null need is no restriction.</summary>
/// <param name="Weight">How much of an agent's capacity the conversation takes (<see cref="ChannelWeights"/>):
/// 1 unless the deployment weighs its channel otherwise.</param>
public sealed record ConversationNeeds(string? Team = null, string? Language = null, string? Channel = null, decimal Weight = 1m, string? Skill = null)
{
    public static readonly ConversationNeeds None = new();
}
