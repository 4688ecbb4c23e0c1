using CxInbox.Classification;
using CxInbox.Classification.Evaluation;

namespace CxInbox.Cli.Commands;

internal static class ReportPrinter
{
    /// <summary>Prints the report over all labelled messages, then one per gold language when the input has them.</summary>
    public static void Print(string title, IReadOnlyList<(LabelledMessage Gold, ClassificationResult Predicted)> results)
    {
        var labelled = results.Where(r => r.Gold.HasGold).ToList();
        if (labelled.Count == 0)
        {
            return;
        }

        Console.WriteLine(EvaluationReport.Compute(labelled).Format(title));
        foreach (var language in new[] { "en", "id", "mixed" })
        {
            var subset = labelled.Where(r => r.Gold.Language == language).ToList();
            if (subset.Count > 0)
            {
                Console.WriteLine(EvaluationReport.Compute(subset).Format($"{title} [language={language}]"));
            }
        }
    }
}
