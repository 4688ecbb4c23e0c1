using CxInbox.Routing.Assignment;
using CxInbox.Routing.Rebalancing;

namespace CxInbox.Routing.Tests.Sequences;

/// <summary>Something that happens to the contact centre.</summary>
internal abstract record RoutingStep
{
    public sealed record Arrive(string? Team, int Priority, decimal Weight = 1m) : RoutingStep;

    public sealed record ChangePresence(int Agent, AgentPresence Presence) : RoutingStep;

    public sealed record Resolve(int Pick) : RoutingStep;

    public sealed record Reply(int Pick) : RoutingStep;

    /// <summary>The customer of a waiting conversation writes again.</summary>
    public sealed record WriteAgain(int Pick) : RoutingStep;

    public sealed record ChangeCapacity(int Agent, int Capacity) : RoutingStep;

    /// <summary>A capacity raised, with the queue's drain not run yet: the moment between the change's commit and its
    /// event reaching the routing role, in which arrivals are routed.</summary>
    public sealed record RaiseCapacityBeforeTheDrain(int Agent, int Capacity) : RoutingStep;

    public sealed record Rebalance(string Team) : RoutingStep;

    public sealed record Wait(int Minutes) : RoutingStep;
}

/// <summary>
/// The contact centre as the routing role and the supervisor API drive it, with the store replaced by memory: every
/// decision comes from <see cref="AssignmentPolicy"/> and <see cref="RebalancePlanner"/>, applied the way the
/// consumers apply them (capacity frees up → the queue drains, by priority then age). It applies what the pure
/// functions decide without checking, and reports every promise a step broke.
/// </summary>
internal sealed class RoutingModel
{
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    private readonly List<Agent> agents;
    private readonly List<Conversation> conversations = [];
    private readonly List<string> violations = [];
    // Conversations' ages in the queue: one minute apart, in the order they arrived.
    private static readonly DateTimeOffset Opening = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    private DateTimeOffset now = Opening;

    public RoutingModel(IEnumerable<(AgentPresence Presence, int Capacity, string[] Teams)> agents) =>
        this.agents = [.. agents.Select((a, i) => new Agent(new Guid(i + 1, 0, 0, new byte[8]), $"agent{i}", a.Teams) { Presence = a.Presence, Capacity = a.Capacity })];

    public IReadOnlyList<string> Violations => violations;

    public void Apply(RoutingStep step, int index)
    {
        switch (step)
        {
            case RoutingStep.Arrive arrive:
                var conversation = new Conversation(new Guid(0, (short)index, 1, new byte[8]), arrive.Team, arrive.Priority, index, arrive.Weight);
                conversations.Add(conversation);
                RouteBehindTheQueue(conversation, index);
                break;
            case RoutingStep.WriteAgain again when Waiting() is { Count: > 0 } waiting:
                RouteBehindTheQueue(waiting[again.Pick % waiting.Count], index);
                break;
            case RoutingStep.ChangePresence change when change.Agent < agents.Count:
                var agent = agents[change.Agent];
                agent.Presence = change.Presence;
                if (change.Presence == AgentPresence.Offline)
                {
                    foreach (var held in Open.Where(c => c.Assignee == agent.Id))
                    {
                        held.Assignee = null;
                    }
                }

                Drain(index);
                break;
            case RoutingStep.Resolve resolve when Open.ToList() is { Count: > 0 } open:
                open[resolve.Pick % open.Count].Resolved = true;
                Drain(index);
                break;
            case RoutingStep.Reply reply when Open.Where(c => c.Assignee is not null).ToList() is { Count: > 0 } assigned:
                assigned[reply.Pick % assigned.Count].LastReplyAt = now;
                break;
            case RoutingStep.ChangeCapacity change when change.Agent < agents.Count:
                agents[change.Agent].Capacity = change.Capacity;
                Drain(index);
                break;
            case RoutingStep.RaiseCapacityBeforeTheDrain raise when raise.Agent < agents.Count:
                agents[raise.Agent].Capacity = Math.Max(agents[raise.Agent].Capacity, raise.Capacity);
                break;
            case RoutingStep.Rebalance rebalance:
                Rebalance(rebalance.Team, index);
                Drain(index);
                break;
            case RoutingStep.Wait wait:
                now += TimeSpan.FromMinutes(wait.Minutes);
                break;
        }

        CheckEveryConversationIsPlaced(index);
    }

    private IEnumerable<Conversation> Open => conversations.Where(c => !c.Resolved);

    // The one load figure: the weights of what the agent holds, every channel together.
    private decimal Load(Guid agentId) => Open.Where(c => c.Assignee == agentId).Sum(c => c.Weight);

    private List<AgentSnapshot> Snapshots() =>
        [.. agents.Select(a => new AgentSnapshot(a.Id, a.Name, a.Presence, Open.Count(c => c.Assignee == a.Id), a.Capacity, a.LastAssignedAt, a.Teams)
            { Load = Load(a.Id) })];

    // As the router routes a conversation a customer's message asks an agent for (new, or waiting and written to
    // again): behind those waiting ahead of it, starting a drain when they can take room. It may never take room that
    // one waiting ahead of it (more urgent, or as urgent and older) could have had.
    private void RouteBehindTheQueue(Conversation conversation, int index)
    {
        var waiting = Waiting().Select(c => new WaitingConversation(c.Id, c.Needs, c.Priority, Opening.AddMinutes(c.Arrived))).ToList();
        var place = new QueuePlace(conversation.Id, conversation.Priority, Opening.AddMinutes(conversation.Arrived));
        var (decision, roomForThoseAhead) = QueueSelection.DecideBehindTheQueue(Snapshots(), conversation.Needs, place, null, waiting);
        if (decision is AssignmentDecision.Assign assign)
        {
            Give(conversation, assign.AgentId, $"step {index}");
        }

        if (roomForThoseAhead)
        {
            Drain(index);
        }

        if (conversation.Assignee is not { } agentId)
        {
            return;
        }

        var withoutIt = Snapshots()
            .Select(a => a.Id == agentId ? a with { Load = a.Load - conversation.Weight, OpenConversations = a.OpenConversations - 1 } : a).ToList();
        foreach (var passed in Waiting().Where(c => c.Priority > conversation.Priority || (c.Priority == conversation.Priority && c.Arrived < conversation.Arrived)))
        {
            if (AssignmentPolicy.Decide(withoutIt, passed.Needs) is AssignmentDecision.Assign { AgentId: var its } && its == agentId)
            {
                violations.Add($"step {index}: {conversation.Id} took room {passed.Id}, waiting ahead of it, could have had");
            }
        }
    }

    // The queue in the order QueueDrain serves it: priority, then age.
    private List<Conversation> Waiting() => [.. Open.Where(c => c.Assignee is null).OrderByDescending(c => c.Priority).ThenBy(c => c.Arrived)];

    private bool Route(Conversation conversation, string when)
    {
        if (AssignmentPolicy.Decide(Snapshots(), conversation.Needs) is not AssignmentDecision.Assign assign)
        {
            return false;
        }

        Give(conversation, assign.AgentId, when);
        return true;
    }

    // The same conversations QueueDrain visits, in its order.
    private void Drain(int index)
    {
        foreach (var waiting in Waiting())
        {
            Route(waiting, $"step {index} (drain)");
        }

        foreach (var waiting in Open.Where(c => c.Assignee is null))
        {
            if (AssignmentPolicy.Decide(Snapshots(), waiting.Needs) is AssignmentDecision.Assign)
            {
                violations.Add($"step {index}: {waiting.Id} waits although an agent of {waiting.Team ?? "any team"} has room");
            }
        }
    }

    private void Rebalance(string team, int index)
    {
        var held = Open.Where(c => c.Assignee is not null).Select(c => new HeldConversation(c.Id, c.Assignee!.Value, c.Team, c.LastReplyAt, Weight: c.Weight)).ToList();
        var plan = RebalancePlanner.Plan(Snapshots(), held, team, now, Guard);
        foreach (var move in plan.Moves)
        {
            var conversation = conversations.Single(c => c.Id == move.ConversationId);
            if (conversation.Assignee != move.FromAgentId)
            {
                violations.Add($"step {index}: rebalance moved {move.ConversationId} from {move.FromAgentId}, who does not hold it");
            }

            if (conversation.LastReplyAt is { } replied && now - replied < Guard)
            {
                violations.Add($"step {index}: rebalance moved {move.ConversationId}, answered {now - replied} ago");
            }

            Give(conversation, move.ToAgentId, $"step {index} (rebalance)");
        }

        // A conversation moves at most once per rebalance, so one it just moved may not be moved again.
        var moved = plan.Moves.Select(m => m.ConversationId).ToHashSet();
        var members = agents.Where(a => a.Presence == AgentPresence.Online && new AgentSnapshot(a.Id, a.Name, a.Presence, 0, 0, null, a.Teams).WorksFor(team)).ToList();
        foreach (var from in members)
        {
            foreach (var to in members.Where(t => t.Id != from.Id))
            {
                // A move evens the pair when the receiver ends below what the giver held; one conversation weighing 1
                // means "at least two lighter".
                var movable = Open.FirstOrDefault(c => c.Assignee == from.Id && !moved.Contains(c.Id) && (c.LastReplyAt is not { } r || now - r >= Guard)
                    && Load(to.Id) + c.Weight < Load(from.Id) && Load(to.Id) + c.Weight <= to.Capacity
                    && (c.Team is null || to.Teams.Length == 0 || to.Teams.Contains(c.Team)));
                if (movable is not null)
                {
                    violations.Add($"step {index}: after rebalancing {team}, {from.Name} holds {Load(from.Id)} and {to.Name} {Load(to.Id)}/{to.Capacity}, and {movable.Id} could move");
                }
            }
        }
    }

    private void Give(Conversation conversation, Guid agentId, string when)
    {
        var agent = agents.Single(a => a.Id == agentId);
        var snapshot = new AgentSnapshot(agent.Id, agent.Name, agent.Presence, 0, 0, null, agent.Teams);
        if (agent.Presence != AgentPresence.Online || Load(agentId) + conversation.Weight > agent.Capacity || !snapshot.WorksFor(conversation.Team))
        {
            violations.Add($"{when}: {conversation.Id} given to {agent.Name} ({agent.Presence}, {Load(agentId)}/{agent.Capacity}, teams [{string.Join(",", agent.Teams)}]) for {conversation.Team ?? "any team"}");
        }

        conversation.Assignee = agentId;
        agent.LastAssignedAt = now;
    }

    private void CheckEveryConversationIsPlaced(int index)
    {
        foreach (var conversation in Open.Where(c => c.Assignee is { } id && agents.Single(a => a.Id == id).Presence == AgentPresence.Offline))
        {
            violations.Add($"step {index}: {conversation.Id} is with an offline agent");
        }

        var placed = Open.Count(c => c.Assignee is null) + agents.Sum(a => Open.Count(c => c.Assignee == a.Id)) + conversations.Count(c => c.Resolved);
        if (placed != conversations.Count)
        {
            violations.Add($"step {index}: {conversations.Count} conversations arrived but {placed} are queued, assigned or resolved");
        }
    }

    private sealed class Agent(Guid id, string name, string[] teams)
    {
        public Guid Id { get; } = id;
        public string Name { get; } = name;
        public string[] Teams { get; } = teams;
        public AgentPresence Presence { get; set; }
        public int Capacity { get; set; }
        public DateTimeOffset? LastAssignedAt { get; set; }
    }

    private sealed class Conversation(Guid id, string? team, int priority, int arrived, decimal weight)
    {
        public Guid Id { get; } = id;
        public string? Team { get; } = team;
        public decimal Weight { get; } = weight;
        public ConversationNeeds Needs => new(Team, Weight: Weight);
        public int Priority { get; } = priority;
        public int Arrived { get; } = arrived;
        public Guid? Assignee { get; set; }
        public bool Resolved { get; set; }
        public DateTimeOffset? LastReplyAt { get; set; }
    }
}
