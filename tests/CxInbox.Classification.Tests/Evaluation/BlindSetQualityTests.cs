using CxInbox.Classification.Evaluation;

namespace CxInbox.Classification.Tests.Evaluation;

/// <summary>The shipped lexicon on fresh37–fresh40: 480 messages by four labellers who read only the guideline, written
/// after the tenth pass's lexicon was fixed and never trained on or read (docs/classification.md, *Tenth pass*). The
/// floors are the issue's targets per language (stage macro-F1 0.85, complaint F1 0.90, sales-opportunity F1 0.85), so
/// a change that takes the classifier below a target on unseen data fails here. These sets must stay out of training,
/// and a failure here must not be mended by reading their misses: a change chosen by this test makes them no longer
/// blind, and the next pass then needs new sets.</summary>
public class BlindSetQualityTests
{
    private static readonly string[] BlindSets = ["fresh37.jsonl", "fresh38.jsonl", "fresh39.jsonl", "fresh40.jsonl"];

    [TestCase("en")]
    [TestCase("id")]
    [TestCase("mixed")]
    public void Unseen_messages_meet_the_issue_s_targets(string language)
    {
        var messages = BlindSets.SelectMany(TestData.Load).Where(m => m.Language == language).ToList();

        var report = EvaluationReport.Compute(messages.Select(m => (m, MessageClassifier.Default.Classify(m.Text, m.Channel))));

        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Count.GreaterThanOrEqualTo(120));
            Assert.That(report.StageMacroF1, Is.GreaterThanOrEqualTo(0.85), "stage macro-F1");
            Assert.That(report.Complaint.F1, Is.GreaterThanOrEqualTo(0.90), "complaint F1");
            Assert.That(report.Sales.F1, Is.GreaterThanOrEqualTo(0.85), "sales opportunity F1");
        });
    }
}
