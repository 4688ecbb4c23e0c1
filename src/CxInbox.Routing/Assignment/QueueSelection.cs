namespace CxInbox.Routing.Assignment;

/// <summary>A conversation waiting for an agent, with what it asks of one, and its place in the queue: priority (higher
/// first), then age.</summary>
public sealed record WaitingConversation(Guid Id, ConversationNeeds Needs, int Priority, DateTimeOffset CreatedAt)
{
    /// <summary>Whether it comes before a conversation of that priority and age in the queue.</summary>
    public bool IsAheadOf(int priority, DateTimeOffset createdAt) => Priority > priority || (Priority == priority && CreatedAt < createdAt);
}

/// <summary>
/// Which waiting conversations a queue drain should try, in queue order (priority, then age): those some agent with
/// room could take, as many as there is room for (each takes its weight of an agent's room). A conversation nobody can
/// take is passed over rather than holding up the ones behind it, so a full team, or a language nobody online speaks,
/// never starves another team's queue. And what room the conversations waiting ahead of one a customer writes to leave
/// it.
/// </summary>
public static class QueueSelection
{
    /// <param name="waiting">The waiting conversations in the order they should be served.</param>
    /// <param name="agents">Everyone, as the router sees them now.</param>
    public static IReadOnlyList<WaitingConversation> Candidates(IReadOnlyList<WaitingConversation> waiting, IReadOnlyCollection<AgentSnapshot> agents)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(agents);
        return Serve(waiting, agents).Served;
    }

    /// <summary>
    /// The decision for a conversation of the given priority and age that a customer's message asks an agent for (new,
    /// reopened, or already waiting): it takes only the room that the conversations waiting ahead of it leave once they
    /// have had, in queue order, what they can take (<see cref="RoomLeftBehind"/>); otherwise it waits behind them. So a
    /// message routed in the moment between a room freeing and the queue's drain does not jump the queue; a newcomer
    /// is younger than everyone waiting. <c>RoomForThoseAhead</c>: some of them can take room now, so a drain should run.
    /// </summary>
    /// <param name="waiting">The waiting conversations in queue order; the conversation itself, if among them, is passed over.</param>
    public static (AssignmentDecision Decision, bool RoomForThoseAhead) DecideBehindTheQueue(IReadOnlyList<AgentSnapshot> agents, ConversationNeeds needs,
        QueuePlace place, Guid? previousAgentId, IReadOnlyList<WaitingConversation> waiting)
    {
        var (left, ahead) = RoomLeftBehind(agents, place, waiting);
        var decision = AssignmentPolicy.Decide(left, needs, previousAgentId);
        return (ahead == 0 ? decision : BehindTheQueue(decision, AssignmentPolicy.Decide(agents, needs, previousAgentId), ahead), ahead > 0);
    }

    /// <summary>The agents as a conversation at that place in the queue may see them: with the room taken that the
    /// conversations waiting ahead of it take in queue order, and how many of them take some.</summary>
    public static (IReadOnlyList<AgentSnapshot> Left, int Ahead) RoomLeftBehind(IReadOnlyList<AgentSnapshot> agents, QueuePlace place,
        IReadOnlyList<WaitingConversation> waiting)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(waiting);
        if (waiting.Count == 0)
        {
            return (agents, 0);
        }

        var (served, left) = Serve([.. waiting.Where(w => w.Id != place.ConversationId && w.IsAheadOf(place.Priority, place.CreatedAt))], agents);
        return served.Count == 0 ? (agents, 0) : (left, served.Count);
    }

    /// <summary>A decision made on the room left behind <paramref name="ahead"/> waiting conversations, in words that
    /// say so: an agent's load in it counts those conversations, and a wait that only they cause is a wait behind them.</summary>
    /// <param name="withoutTheQueue">The decision on all the room there is.</param>
    public static AssignmentDecision BehindTheQueue(AssignmentDecision decision, AssignmentDecision withoutTheQueue, int ahead)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(withoutTheQueue);
        var those = ahead == 1 ? "1 conversation waiting ahead of it takes" : $"{ahead} conversations waiting ahead of it take";
        return decision switch
        {
            AssignmentDecision.Assign assign => assign with { Reason = $"{assign.Reason}; counting the room {those}" },
            _ when withoutTheQueue is AssignmentDecision.Assign => new AssignmentDecision.Wait($"behind the queue: {those} the room there is"),
            _ => decision,
        };
    }

    // Gives the waiting conversations, in order, what a drain would: each pick takes its weight of the chosen agent's
    // room in a model of the agents, so that the picks never outnumber the room there is.
    private static (List<WaitingConversation> Served, List<AgentSnapshot> Left) Serve(IReadOnlyList<WaitingConversation> waiting,
        IReadOnlyCollection<AgentSnapshot> agents)
    {
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

        return (picked, model);
    }

    /// <summary>How much more load the online agents can take between them: the number of conversations when every
    /// conversation weighs 1.</summary>
    public static decimal FreeRoom(IEnumerable<AgentSnapshot> agents) =>
        agents.Where(a => a.Presence == AgentPresence.Online).Sum(a => Math.Max(0, a.Capacity - a.Load));
}

/// <summary>Where a conversation stands, or would stand, in the queue: its priority, then its age.</summary>
public sealed record QueuePlace(Guid ConversationId, int Priority, DateTimeOffset CreatedAt)
{
    /// <summary>The place of the conversation with that priority: its age as read with the queue, or, when it is not in
    /// what was read (a new one, or one beyond the head that was read), behind all of it.</summary>
    public static QueuePlace In(IReadOnlyList<WaitingConversation> waiting, Guid conversationId, int priority)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        return new(conversationId, priority, waiting.FirstOrDefault(w => w.Id == conversationId)?.CreatedAt ?? DateTimeOffset.MaxValue);
    }
}
