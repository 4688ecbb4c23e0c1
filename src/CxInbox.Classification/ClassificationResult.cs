namespace CxInbox.Classification;

/// <summary>What <see cref="MessageClassifier.Classify"/> decided for one message.</summary>
/// <param name="Stage">The journey stage of the message's main request.</param>
/// <param name="StageConfidence">Probability of <paramref name="Stage"/> among the six stages, in [0, 1].</param>
/// <param name="Complaint">The customer expresses dissatisfaction or reports a failure.</param>
/// <param name="ComplaintConfidence">Confidence in the yes/no answer of <paramref name="Complaint"/>, in [0.5, 1].</param>
/// <param name="SalesOpportunity">A realistic chance to sell something now or soon.</param>
/// <param name="SalesConfidence">Confidence in the yes/no answer of <paramref name="SalesOpportunity"/>, in [0.5, 1].</param>
/// <param name="Language"><c>en</c>, <c>id</c> or <c>mixed</c>.</param>
/// <param name="Evidence">The cues that decided each tag, strongest first, short enough to show an agent.</param>
public sealed record ClassificationResult(
    JourneyStage Stage,
    double StageConfidence,
    bool Complaint,
    double ComplaintConfidence,
    bool SalesOpportunity,
    double SalesConfidence,
    string Language,
    IReadOnlyList<Evidence> Evidence)
{
    /// <summary>The stage's wire name (<c>delivery</c>, <c>return</c>, …).</summary>
    public string StageName => Stage.ToWire();
}

/// <summary>One reason for a tag: ("complaint", "belum sampai", "reports a delivery failure").</summary>
/// <param name="Tag"><c>journey_stage</c>, <c>complaint</c>, <c>sales_opportunity</c> or <c>language</c>.</param>
/// <param name="Cue">The words of the message that matched, as the customer wrote them.</param>
/// <param name="Reason">What the cue means, from the lexicon group that holds it; "not …" when it argues against the tag.</param>
public sealed record Evidence(string Tag, string Cue, string Reason);
