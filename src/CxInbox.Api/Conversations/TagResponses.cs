using System.Text.Json;
using CxInbox.Data.Conversations;
using CxInbox.Routing.Tagging;

namespace CxInbox.Api.Conversations;

/// <summary>Why a tag was given: the words of the customer that matched, and what they mean.</summary>
public sealed record EvidenceResponse(string Tag, string Cue, string Reason);

/// <summary>A conversation's tags, with the evidence of its latest customer message and the business rule they
/// imply: no sales prompts or promotions while the customer is complaining.</summary>
public sealed record ConversationTagsResponse(
    string JourneyStage,
    bool Complaint,
    bool SalesOpportunity,
    string Language,
    bool SalesPromptsAllowed,
    bool CorrectedByAgent,
    string? Team,
    string? RoutingRule,
    IReadOnlyList<EvidenceResponse> Evidence)
{
    public static ConversationTagsResponse? From(ConversationSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Tags is not { } tags ? null : new(tags.Stage, tags.Complaint, tags.SalesOpportunity, tags.Language,
            tags.SalesPromptsAllowed, tags.CorrectedByAgent, c.Team, c.RoutingRule, ParseEvidence(c.TagEvidence));
    }

    public static IReadOnlyList<EvidenceResponse> ParseEvidence(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<EvidenceResponse>>(json, JsonSerializerOptions.Web) ?? [];
}

/// <summary>The classifier's tags of one customer message.</summary>
public sealed record MessageTagsResponse(
    string JourneyStage,
    bool Complaint,
    double ComplaintConfidence,
    bool SalesOpportunity,
    double SalesConfidence,
    string Language,
    IReadOnlyList<EvidenceResponse> Evidence)
{
    public static MessageTagsResponse? From(MessageTags? tags, string? evidenceJson) => tags is null ? null
        : new(tags.Stage, tags.Complaint, tags.ComplaintConfidence, tags.SalesOpportunity, tags.SalesConfidence, tags.Language,
            ConversationTagsResponse.ParseEvidence(evidenceJson));
}
