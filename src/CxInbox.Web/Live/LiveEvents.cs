namespace CxInbox.Web.Live;

/// <summary>The server-to-browser events of the UI contract; SignalR sends them as camelCase JSON.</summary>
public static class LiveEvents
{
    public const string ConversationChanged = "conversationChanged";
    public const string MessageReceived = "messageReceived";
    public const string ReplyStatusChanged = "replyStatusChanged";
    public const string AgentChanged = "agentChanged";
    public const string SlaBreached = "slaBreached";
}

/// <summary><c>reason</c> is one of assigned, moved, queued, resolved, snoozed, pending, woke (a snooze ended).</summary>
public sealed record ConversationChangedPayload(Guid ConversationId, Guid? AgentId, string? Team, string Status, int Priority, string Reason);

/// <summary>The conversation's latest customer message. The bridge sends it whenever the routing role has placed the
/// conversation after a message, and again after a move: browsers dedupe on <c>messageId</c>.</summary>
public sealed record MessageReceivedPayload(Guid ConversationId, Guid MessageId, string Channel, string? CustomerName, string Preview);

public sealed record ReplyStatusChangedPayload(Guid ConversationId, Guid ReplyId, string Status, string? Reason);

public sealed record AgentChangedPayload(Guid AgentId, string Presence, int Load, int Capacity);

public sealed record SlaBreachedPayload(Guid ConversationId, string? Team, string Channel, DateTimeOffset DueAt);
