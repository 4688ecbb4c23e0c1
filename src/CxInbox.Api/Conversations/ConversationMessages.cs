using System.Text.Json.Serialization;
using CxInbox.Data.Conversations;

namespace CxInbox.Api.Conversations;

public sealed record CustomerResponse(Guid Id, string? Name, string Address);

public sealed record AssigneeResponse(Guid Id, string Name, DateTimeOffset? AssignedAt, string? Reason);

public sealed record ConversationResponse(
    Guid Id,
    string Channel,
    string ChannelAccount,
    string Status,
    int Priority,
    CustomerResponse Customer,
    AssigneeResponse? Assignee,
    string? QueuedReason,
    string? LastMessage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] ConversationTagsResponse? Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastMessageAt,
    ServiceLevelResponse ServiceLevel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SnoozedUntil,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<MessageResponse>? Messages = null)
{
    /// <summary>With its messages, oldest first.</summary>
    public static ConversationResponse From(ConversationDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return From(detail.Summary) with
        {
            Messages = [.. detail.Messages.Select(m => new MessageResponse(m.Id, m.Channel, m.Direction, m.ProviderMessageId, m.Text, m.SentAt,
                [.. m.Attachments.Select(a => new AttachmentResponse(a.Url, a.ContentType, a.FileName, a.Size))],
                m.DeliveryStatus is null ? null : new DeliveryResponse(m.DeliveryStatus, m.DeliveryErrorCode, m.DeliveryError),
                MessageTagsResponse.From(m.Tags, m.TagEvidence), m.Subject, m.FullText, m.Automated))],
        };
    }

    public static ConversationResponse From(ConversationSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Channel, c.ChannelAccount, c.Status, c.Priority,
            new CustomerResponse(c.CustomerId, c.CustomerName, c.CustomerAddress),
            c.AssigneeId is { } agentId ? new AssigneeResponse(agentId, c.AssigneeName ?? "", c.AssignedAt, c.AssignmentReason) : null,
            c.AssigneeId is null ? c.QueuedReason : null,
            c.LastMessageText,
            ConversationTagsResponse.From(c),
            c.CreatedAt, c.LastMessageAt,
            new ServiceLevelResponse(c.ResponseDueAt, c.SlaBreachedAt),
            c.SnoozedUntil);
    }
}

/// <summary>The first-response clock: when an agent must answer (null when nobody waits), and when that target
/// passed (null unless the current wait is in breach).</summary>
/// <param name="Until">When the conversation comes back by itself, at most <see cref="MaxDays"/> days ahead.</param>
public sealed record SnoozeRequest(DateTimeOffset? Until)
{
    public const int MaxDays = 30;
}

public sealed record ServiceLevelResponse(DateTimeOffset? ResponseDueAt, DateTimeOffset? BreachedAt);

public sealed record MessageResponse(
    Guid Id,
    string Channel,
    string Direction,
    string ProviderMessageId,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<AttachmentResponse> Attachments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DeliveryResponse? Delivery,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MessageTagsResponse? Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FullText = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Automated = null);

/// <summary>Where an agent's reply stands; <see cref="Error"/> says why it failed, for the agent.</summary>
public sealed record DeliveryResponse(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

public sealed record AttachmentResponse(
    string Url,
    string ContentType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FileName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Size = null);

public sealed record ConversationPageResponse(IReadOnlyList<ConversationResponse> Items, int Page, int PageSize, long Total);
