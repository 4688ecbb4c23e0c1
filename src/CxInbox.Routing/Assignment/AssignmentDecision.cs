namespace CxInbox.Routing.Assignment;

/// <summary>What the router decided for a conversation that needs an agent, and why.</summary>
public abstract record AssignmentDecision(string Reason)
{
    public sealed record Assign(Guid AgentId, string Reason) : AssignmentDecision(Reason);

    public sealed record Wait(string Reason) : AssignmentDecision(Reason);
}
