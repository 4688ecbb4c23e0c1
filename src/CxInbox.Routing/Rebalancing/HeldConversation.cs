using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Rebalancing;

/// <summary>A conversation an agent holds, as the rebalance planner sees it.</summary>
/// <param name="Team">The team the routing table sent it to; null when any agent may take it.</param>
/// <param name="LastAgentReplyAt">When we last replied on it; null when nobody has yet.</param>
/// <param name="Language">The customer's language as tagged; null when not yet tagged.</param>
/// <param name="Channel">The conversation's channel key; null when it does not matter.</param>
/// <param name="Weight">What it adds to its agent's load, as stored when it was claimed.</param>
/// <param name="Skill">The skill its routing table row requires; null for none.</param>
public sealed record HeldConversation(Guid Id, Guid AgentId, string? Team, DateTimeOffset? LastAgentReplyAt, string? Language = null, string? Channel = null,
    decimal Weight = 1m, string? Skill = null)
{
    public ConversationNeeds Needs => new(Team, Language, Channel, Weight, Skill);
}
