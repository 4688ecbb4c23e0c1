namespace CxInbox.Classification.Evaluation;

/// <summary>A message with the gold labels it carries, if any. The labeller's <c>note</c> is never part of it: the
/// classifier reads only the text (messages-dev README).</summary>
public sealed record LabelledMessage(
    string Id,
    string Text,
    string? Channel = null,
    string? Language = null,
    JourneyStage? Stage = null,
    bool? Complaint = null,
    bool? SalesOpportunity = null)
{
    public bool HasGold => Stage is not null || Complaint is not null || SalesOpportunity is not null;
}
