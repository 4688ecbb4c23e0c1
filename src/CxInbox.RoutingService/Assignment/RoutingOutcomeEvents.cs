using CxInbox.Contracts;
using CxInbox.Data.Conversations;

namespace CxInbox.RoutingService.Assignment;

public static class RoutingOutcomeEvents
{
    /// <summary>The event that tells the world where the conversation stands: assigned, or waiting in the queue.</summary>
    public static object ToEvent(this RoutingOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.AssigneeId is { } agentId)
        {
            return new ConversationAssigned
            {
                ConversationId = outcome.ConversationId,
                CustomerId = outcome.CustomerId,
                AgentId = agentId,
                Channel = outcome.Channel,
                Reason = outcome.AssignmentReason ?? "",
                AssignedAt = outcome.AssignedAt ?? DateTimeOffset.MinValue,
            };
        }

        return new ConversationQueued
        {
            ConversationId = outcome.ConversationId,
            CustomerId = outcome.CustomerId,
            Channel = outcome.Channel,
            Reason = outcome.QueuedReason ?? "",
            QueuedAt = outcome.QueuedAt ?? DateTimeOffset.MinValue,
        };
    }
}
