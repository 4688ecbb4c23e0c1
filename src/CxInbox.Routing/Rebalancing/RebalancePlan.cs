namespace CxInbox.Routing.Rebalancing;

public sealed record RebalanceMove(Guid ConversationId, Guid FromAgentId, Guid ToAgentId, string Reason);

/// <summary>The moves that even out a team, and each online member's (weighted) load before and after them.</summary>
/// <param name="KeptByGuard">Conversations left where they are because their agent replied within the guard.</param>
public sealed record RebalancePlan(
    string Team,
    IReadOnlyList<RebalanceMove> Moves,
    IReadOnlyDictionary<Guid, decimal> LoadBefore,
    IReadOnlyDictionary<Guid, decimal> LoadAfter,
    int KeptByGuard);
