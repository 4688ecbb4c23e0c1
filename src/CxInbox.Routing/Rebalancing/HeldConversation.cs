namespace CxInbox.Routing.Rebalancing;

/// <summary>A conversation an agent holds, as the rebalance planner sees it.</summary>
/// <param name="Team">The team the routing table sent it to; null when any agent may take it.</param>
/// <param name="LastAgentReplyAt">When we last replied on it; null when nobody has yet.</param>
public sealed record HeldConversation(Guid Id, Guid AgentId, string? Team, DateTimeOffset? LastAgentReplyAt);
