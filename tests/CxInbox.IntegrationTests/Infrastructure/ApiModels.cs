namespace CxInbox.IntegrationTests.Infrastructure;

// The API's JSON as a client reads it; deliberately not the production response types.

internal sealed record AgentJson(Guid Id, string Name, string[] Skills, int Capacity, string Status, int OpenConversations,
    string[]? Teams = null, string[]? Languages = null, string[]? Channels = null, decimal Load = 0);

internal sealed record CustomerJson(Guid Id, string? Name, string Address);

internal sealed record AssigneeJson(Guid Id, string Name, DateTimeOffset? AssignedAt, string? Reason);

internal sealed record AttachmentJson(string Url, string ContentType, string? FileName = null, long? Size = null);

internal sealed record DeliveryJson(string Status, string? ErrorCode, string? Error);

internal sealed record MessageJson(Guid Id, string Channel, string Direction, string ProviderMessageId, string Text, DateTimeOffset SentAt,
    AttachmentJson[] Attachments, DeliveryJson? Delivery, MessageTagsJson? Tags, string? Subject = null, string? FullText = null, string? Automated = null);

internal sealed record MessageTagsJson(string JourneyStage, bool Complaint, double ComplaintConfidence, bool SalesOpportunity,
    double SalesConfidence, string Language, EvidenceJson[] Evidence);

internal sealed record ReplyJson(Guid ReplyId, Guid MessageId, string Status);

internal sealed record ServiceLevelJson(DateTimeOffset? ResponseDueAt, DateTimeOffset? BreachedAt);

internal sealed record ConversationJson(
    Guid Id,
    string Channel,
    string Status,
    CustomerJson Customer,
    AssigneeJson? Assignee,
    string? QueuedReason,
    string? LastMessage,
    TagsJson? Tags,
    MessageJson[]? Messages,
    ServiceLevelJson? ServiceLevel = null,
    DateTimeOffset? SnoozedUntil = null);

internal sealed record EvidenceJson(string Tag, string Cue, string Reason);

internal sealed record TagsJson(string JourneyStage, bool Complaint, bool SalesOpportunity, string Language, bool SalesPromptsAllowed,
    bool CorrectedByAgent, string? Team, string? RoutingRule, EvidenceJson[] Evidence);

internal sealed record ConversationPageJson(ConversationJson[] Items, int Page, int PageSize, long Total);

internal sealed record ProblemJson(string? Title, int? Status, string? Detail);

internal sealed record CustomerIdentityJson(string Channel, string Address, string LinkedBy);

internal sealed record CustomerConversationJson(Guid Id, string Channel, string Address, string Status);

internal sealed record CustomerProfileJson(Guid Id, string? Name, CustomerIdentityJson[] Identities, CustomerConversationJson[] Conversations);

internal sealed record CustomerHistoryMessageJson(Guid Id, Guid ConversationId, string Channel, string Direction, string Text, DateTimeOffset SentAt);

internal sealed record CustomerHistoryJson(Guid CustomerId, CustomerHistoryMessageJson[] Messages);

internal sealed record UserJson(Guid Id, string Username, string DisplayName, string Role, Guid? AgentId, string[] Teams, DateTimeOffset CreatedAt);

internal sealed record SessionJson(string Username, string DisplayName, string Role, Guid? AgentId, string[] Teams);

internal sealed record CreatedApiKeyJson(Guid Id, string Name, string Role, string Key, DateTimeOffset CreatedAt, string CreatedBy);
