using CxInbox.Classification.Evaluation;

namespace CxInbox.Classification.Tests.Evaluation;

public class EvaluationReportTests
{
    [Test]
    public void Precision_recall_f1_and_the_confusion_matrix_are_counted_per_label()
    {
        var pairs = new[]
        {
            Pair(JourneyStage.Return, JourneyStage.Return, goldComplaint: true, complaint: true),
            Pair(JourneyStage.Return, JourneyStage.Delivery, goldComplaint: true, complaint: false),
            Pair(JourneyStage.Delivery, JourneyStage.Delivery, goldComplaint: false, complaint: true),
        };

        var report = EvaluationReport.Compute(pairs);

        Assert.Multiple(() =>
        {
            Assert.That(report.Confusion[(int)JourneyStage.Return, (int)JourneyStage.Delivery], Is.EqualTo(1));
            Assert.That(report.Stages[(int)JourneyStage.Return].Recall, Is.EqualTo(0.5));
            Assert.That(report.Stages[(int)JourneyStage.Delivery].Precision, Is.EqualTo(0.5));
            Assert.That(report.StageMacroF1, Is.EqualTo((2.0 / 3 + 2.0 / 3) / 2).Within(1e-9));
            Assert.That(report.Complaint.Precision, Is.EqualTo(0.5));
            Assert.That(report.Complaint.Recall, Is.EqualTo(0.5));
            Assert.That(report.Format("t"), Does.Contain("stage macro-F1  0.667"));
        });
    }

    private static (LabelledMessage, ClassificationResult) Pair(JourneyStage gold, JourneyStage predicted, bool goldComplaint, bool complaint) =>
        (new LabelledMessage("x", "t", Stage: gold, Complaint: goldComplaint),
         new ClassificationResult(predicted, 1, complaint, 1, false, 1, "en", []));
}
