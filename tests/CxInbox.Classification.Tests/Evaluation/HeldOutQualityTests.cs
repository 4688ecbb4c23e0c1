using CxInbox.Classification.Evaluation;

namespace CxInbox.Classification.Tests.Evaluation;

/// <summary>The shipped lexicon on tests/TestData/classification/heldout.jsonl, which no weight was fitted to (it was
/// written before tuning began; its mixed-language misses were read once to find their causes, see
/// docs/classification.md). Floors sit a little below the figures there, and never below the targets (stage
/// 0.85 but for Indonesian, complaint 0.90, sales 0.85), so a change that makes the classifier worse on these messages
/// fails here. The fourth pass (fresh8/fresh9 and train9 trained on) raised Indonesian stage to 0.876 and sales to
/// 0.909, so those floors now sit at or above the targets too.</summary>
public class HeldOutQualityTests
{
    private static EvaluationReport Report(string? language)
    {
        var messages = TestData.Load("heldout.jsonl").Where(m => language is null || m.Language == language);
        return EvaluationReport.Compute(messages.Select(m => (m, MessageClassifier.Default.Classify(m.Text, m.Channel))));
    }

    [TestCase("en", 0.94, 0.93, 0.92)]
    [TestCase("id", 0.85, 0.93, 0.88)]
    [TestCase("mixed", 0.93, 0.93, 0.87)]
    public void Held_out_quality_stays_above_its_floor(string language, double stageMacroF1, double complaintF1, double salesF1)
    {
        var report = Report(language);

        Assert.Multiple(() =>
        {
            Assert.That(report.StageMacroF1, Is.GreaterThanOrEqualTo(stageMacroF1), "stage macro-F1");
            Assert.That(report.Complaint.F1, Is.GreaterThanOrEqualTo(complaintF1), "complaint F1");
            Assert.That(report.Sales.F1, Is.GreaterThanOrEqualTo(salesF1), "sales opportunity F1");
        });
    }

    [Test]
    public void Language_detection_on_the_held_out_set_is_nearly_always_right() =>
        Assert.That((double)Report(null).LanguageCorrect / Report(null).LanguageCount, Is.GreaterThanOrEqualTo(0.95));
}
