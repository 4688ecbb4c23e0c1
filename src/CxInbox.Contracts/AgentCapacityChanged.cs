namespace CxInbox.Contracts;

/// <summary>
/// Published by the API role when a supervisor changes how many conversations an agent may hold at once, after the
/// change is committed. The routing role reacts to a raise by giving the agent waiting conversations. An agent above
/// a lowered capacity keeps their conversations and gets no new ones until below it.
/// </summary>
public sealed record AgentCapacityChanged
{
    public required Guid AgentId { get; init; }
    public required int PreviousCapacity { get; init; }
    public required int Capacity { get; init; }
    public required string ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
