namespace CxInbox.Routing.Assignment;

/// <summary>A conversation waiting for an agent, with what it asks of one.</summary>
public sealed record WaitingConversation(Guid Id, ConversationNeeds Needs);

/// <summary>
/// Which waiting conversations a queue drain should try, in queue order (priority, then age): those some agent with
/// room could take, as many as there is room for (each takes its weight of an agent's room). A conversation nobody can take is passed over rather than holding
/// up the ones behind it, so a full team, or a language nobody online speaks, never starves another team's queue.
/// </summary>
public static class QueueSelection
{
    /// <param name="waiting">The waiting conversations in the order they should be served.</param>
    /// <param name="agents">Everyone, as the router sees them now.</param>
    public static IReadOnlyList<WaitingConversation> Candidates(IReadOnlyList<WaitingConversation> waiting, IReadOnlyCollection<AgentSnapshot> agents)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(agents);

        // Each pick takes a slot in this model of the agents, so that the picks never outnumber the room there is.
        var model = agents.ToList();
        var picked = new List<WaitingConversation>();
        foreach (var conversation in waiting)
        {
            if (FreeRoom(model) <= 0)
            {
                break;
            }

            if (AssignmentPolicy.Decide(model, conversation.Needs) is AssignmentDecision.Assign assign)
            {
                picked.Add(conversation);
                var index = model.FindIndex(a => a.Id == assign.AgentId);
                model[index] = model[index].Taking(conversation.Needs.Weight);
            }
        }

        return picked;
    }

    /// <summary>How much more load the online agents can take between them: the number of conversations when every
    /// conversation weighs 1.</summary>
    public static decimal FreeRoom(IEnumerable<AgentSnapshot> agents) =>
        agents.Where(a => a.Presence == AgentPresence.Online).Sum(a => Math.Max(0, a.Capacity - a.Load));
}
