using CxInbox.Routing.Tagging;

namespace CxInbox.Data.Conversations;

/// <summary>The routing state of a conversation: enough to publish what was decided for it, again if need be.
/// Records with settable properties, not positional ones: Dapper then converts SQLite's integers and text ids.</summary>
public sealed record RoutingOutcome
{
    public Guid ConversationId { get; init; }
    public Guid CustomerId { get; init; }
    public string Channel { get; init; } = "";
    public Guid? AssigneeId { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public string? AssignmentReason { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public string? QueuedReason { get; init; }
    public string? Team { get; init; }
    public string? JourneyStage { get; init; }
    public bool Complaint { get; init; }
    public bool SalesOpportunity { get; init; }
    public string? Language { get; init; }
    public bool TagsCorrected { get; init; }

    public ConversationTags? Tags => JourneyStage is null ? null
        : new ConversationTags(JourneyStage, Complaint, SalesOpportunity, Language ?? "", TagsCorrected);
}

/// <summary>A customer message about to be stored.</summary>
public sealed record IncomingMessage(
    string Channel,
    string ChannelAccount,
    string ProviderMessageId,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<(string Url, string ContentType, string? FileName, long? Size)> Attachments)
{
    public string? Subject { get; init; }
    public string? InReplyTo { get; init; }

    /// <summary>Earlier messages of the thread by provider id, oldest first (e-mail References).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The whole text when <see cref="Text"/> was shortened for the agent.</summary>
    public string? FullText { get; init; }

    /// <summary>Null for a person's message; otherwise what sent it (auto-reply, bulk, delivery-status,
    /// read-receipt). Stored with direction <c>automated</c>, and it does not move the conversation's last message time.</summary>
    public string? Automated { get; init; }

    /// <summary>The classifier's tags; null when the message was not classified.</summary>
    public MessageTags? Tags { get; init; }

    /// <summary>The cues behind the tags, as a JSON array of {tag, cue, reason}.</summary>
    public string? EvidenceJson { get; init; }
}

public sealed record ConversationFilter(string? Status, Guid? AssigneeId, string? Channel, bool UnassignedOnly, int Page, int PageSize)
{
    /// <summary>Whose conversations the reader may see; default every one.</summary>
    public ConversationVisibility Visibility { get; init; } = ConversationVisibility.Everything;
}

/// <summary>
/// Which conversations a reader may see and act on. An agent: those assigned to them, and those waiting unassigned
/// and unresolved in a queue they could be given (of one of their agent's teams, of no team, or any queue when
/// their agent has no team, as routing has it). A supervisor: those of a team they supervise, by the
/// conversation's team or by its agent's teams. Everything: admins and admin keys.
/// </summary>
public sealed record ConversationVisibility(bool All, Guid? AgentId, IReadOnlyList<string> SupervisedTeams)
{
    public static readonly ConversationVisibility Everything = new(true, null, []);

    public static readonly ConversationVisibility Nothing = new(false, null, []);

    public static ConversationVisibility OfAgent(Guid agentId) => new(false, agentId, []);

    public static ConversationVisibility OfSupervisor(IReadOnlyList<string> teams) => new(false, null, teams);
}

public sealed record ConversationSummary
{
    public Guid Id { get; init; }
    public string Channel { get; init; } = "";
    public string ChannelAccount { get; init; } = "";
    public string Status { get; init; } = "";
    public int Priority { get; init; }
    public Guid CustomerId { get; init; }
    public string? CustomerName { get; init; }
    public string CustomerAddress { get; init; } = "";
    public Guid? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public string? AssignmentReason { get; init; }
    public string? QueuedReason { get; init; }
    public string? LastMessageText { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastMessageAt { get; init; }
    public string? JourneyStage { get; init; }
    public bool Complaint { get; init; }
    public bool SalesOpportunity { get; init; }
    public string? Language { get; init; }
    public bool TagsCorrected { get; init; }
    public string? Team { get; init; }
    public string? RoutingRule { get; init; }

    /// <summary>When an agent must answer the customer's first unanswered message; null when nobody waits.</summary>
    public DateTimeOffset? ResponseDueAt { get; init; }

    /// <summary>When the wait passed its target; null unless the current wait is in breach.</summary>
    public DateTimeOffset? SlaBreachedAt { get; init; }

    /// <summary>When a snoozed conversation comes back by itself; null unless snoozed.</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>The evidence of the latest classified customer message, a JSON array.</summary>
    public string? TagEvidence { get; init; }

    public ConversationTags? Tags => JourneyStage is null ? null
        : new ConversationTags(JourneyStage, Complaint, SalesOpportunity, Language ?? "", TagsCorrected);
}

public sealed record MessageRecord(
    Guid Id,
    string Channel,
    string Direction,
    string ProviderMessageId,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<AttachmentRecord> Attachments)
{
    /// <summary>Outbound messages only: pending, sending, queued, sent, delivered, read, undelivered or failed.</summary>
    public string? DeliveryStatus { get; init; }

    public string? DeliveryErrorCode { get; init; }

    /// <summary>Why delivery failed, written for the agent.</summary>
    public string? DeliveryError { get; init; }

    /// <summary>Customer messages only: the classifier's tags and their evidence (a JSON array).</summary>
    public MessageTags? Tags { get; init; }

    public string? TagEvidence { get; init; }

    public string? Subject { get; init; }

    /// <summary>The whole text when <see cref="Text"/> is shortened (quoted history and signature left out).</summary>
    public string? FullText { get; init; }

    /// <summary>Set on messages with direction <c>automated</c>: auto-reply, bulk, delivery-status or read-receipt.</summary>
    public string? Automated { get; init; }
}

public sealed record AttachmentRecord(string Url, string ContentType)
{
    public string? FileName { get; init; }
    public long? Size { get; init; }
}

public sealed record ConversationDetail(ConversationSummary Summary, IReadOnlyList<MessageRecord> Messages);

public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, int Page, int PageSize, long Total);

/// <summary>Where a conversation stands: its status, its agent (null: waiting) and its team.</summary>
public sealed record ConversationPlacement
{
    public Guid Id { get; init; }
    public string Status { get; init; } = "";
    public Guid? AssigneeId { get; init; }
    public string? Team { get; init; }
}

/// <summary>What a browser's live view shows of a conversation that changed: where it stands, who the customer is,
/// and the customer's latest message (null when they have written none).</summary>
public sealed record ConversationHeadline
{
    public Guid Id { get; init; }
    public string Status { get; init; } = "";
    public int Priority { get; init; }
    public Guid? AssigneeId { get; init; }
    public string? Team { get; init; }
    public string? CustomerName { get; init; }
    public Guid? LatestInboundId { get; init; }
    public string? LatestInboundChannel { get; init; }
    public string? LatestInboundText { get; init; }
}

/// <summary>A conversation its agent has not answered since they got it.</summary>
public sealed record UnansweredConversation
{
    public Guid Id { get; init; }
    public Guid AgentId { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
    public string? Team { get; init; }
    public string? Language { get; init; }
    public string? Channel { get; init; }

    /// <summary>What it adds to its agent's load, in hundredths, as stored when they claimed it.</summary>
    public int WeightHundredths { get; init; }

    public decimal Weight => WeightHundredths / 100m;

    /// <summary>The skill its routing table row requires; null for none.</summary>
    public string? RequiredSkill { get; init; }
}

/// <summary>A conversation whose snooze ended: open again, with the agent it had.</summary>
public sealed record WokenConversation
{
    public Guid ConversationId { get; init; }
    public Guid? AgentId { get; init; }
}
