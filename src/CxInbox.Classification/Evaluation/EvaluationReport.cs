using System.Globalization;
using System.Text;

namespace CxInbox.Classification.Evaluation;

/// <summary>Counts for one yes/no label.</summary>
public sealed record BinaryScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Support => TruePositives + FalseNegatives;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    internal static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}

/// <summary>Precision, recall and F1 per stage, stage macro-F1 and the 6×6 confusion matrix, complaint and sales
/// scores and language accuracy, over messages that carry gold labels.</summary>
public sealed class EvaluationReport
{
    private EvaluationReport(int count, int[,] confusion, IReadOnlyList<BinaryScore> stages, BinaryScore complaint,
        BinaryScore sales, int languageCorrect, int languageCount)
    {
        Count = count;
        Confusion = confusion;
        Stages = stages;
        Complaint = complaint;
        Sales = sales;
        LanguageCorrect = languageCorrect;
        LanguageCount = languageCount;
    }

    public int Count { get; }

    /// <summary>[gold, predicted], indexed by <see cref="JourneyStage"/>.</summary>
    public int[,] Confusion { get; }

    public IReadOnlyList<BinaryScore> Stages { get; }

    public double StageMacroF1 => Stages.Where(s => s.Support > 0).Select(s => s.F1).DefaultIfEmpty(0).Average();

    public double StageAccuracy
    {
        get
        {
            var correct = 0;
            var total = 0;
            for (var g = 0; g < 6; g++)
            {
                for (var p = 0; p < 6; p++)
                {
                    total += Confusion[g, p];
                    correct += g == p ? Confusion[g, p] : 0;
                }
            }

            return BinaryScore.Ratio(correct, total);
        }
    }

    public BinaryScore Complaint { get; }

    public BinaryScore Sales { get; }

    public int LanguageCorrect { get; }

    public int LanguageCount { get; }

    public static EvaluationReport Compute(IEnumerable<(LabelledMessage Gold, ClassificationResult Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var confusion = new int[6, 6];
        int ctp = 0, cfp = 0, cfn = 0, ctn = 0, stp = 0, sfp = 0, sfn = 0, stn = 0, langOk = 0, langN = 0, count = 0;
        foreach (var (gold, predicted) in pairs)
        {
            count++;
            if (gold.Stage is { } stage)
            {
                confusion[(int)stage, (int)predicted.Stage]++;
            }

            if (gold.Complaint is { } c)
            {
                Tally(c, predicted.Complaint, ref ctp, ref cfp, ref cfn, ref ctn);
            }

            if (gold.SalesOpportunity is { } s)
            {
                Tally(s, predicted.SalesOpportunity, ref stp, ref sfp, ref sfn, ref stn);
            }

            if (gold.Language is { } language)
            {
                langN++;
                langOk += language == predicted.Language ? 1 : 0;
            }
        }

        var stages = new BinaryScore[6];
        for (var k = 0; k < 6; k++)
        {
            int tp = confusion[k, k], fp = 0, fn = 0;
            for (var j = 0; j < 6; j++)
            {
                if (j != k)
                {
                    fp += confusion[j, k];
                    fn += confusion[k, j];
                }
            }

            stages[k] = new BinaryScore(tp, fp, fn, 0);
        }

        return new EvaluationReport(count, confusion, stages, new BinaryScore(ctp, cfp, cfn, ctn),
            new BinaryScore(stp, sfp, sfn, stn), langOk, langN);
    }

    /// <summary>The report as the CLI prints it.</summary>
    public string Format(string title)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"== {title}: {Count} messages ==");
        sb.AppendLine("label                  precision  recall     F1  support");
        for (var k = 0; k < 6; k++)
        {
            Row(sb, "stage " + ((JourneyStage)k).ToWire(), Stages[k]);
        }

        sb.AppendLine(c, $"stage macro-F1  {StageMacroF1:0.000}   accuracy {StageAccuracy:0.000}");
        Row(sb, "complaint", Complaint);
        Row(sb, "sales_opportunity", Sales);
        if (LanguageCount > 0)
        {
            sb.AppendLine(c, $"language accuracy {BinaryScore.Ratio(LanguageCorrect, LanguageCount):0.000} ({LanguageCorrect}/{LanguageCount})");
        }

        sb.AppendLine("confusion (rows gold, columns predicted):");
        sb.Append("             ");
        foreach (var stage in JourneyStages.All)
        {
            sb.Append(c, $"{Abbreviate(stage),6}");
        }

        sb.AppendLine();
        for (var g = 0; g < 6; g++)
        {
            sb.Append(c, $"  {((JourneyStage)g).ToWire(),-11}");
            for (var p = 0; p < 6; p++)
            {
                sb.Append(c, $"{Confusion[g, p],6}");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Abbreviate(JourneyStage stage) => stage.ToWire()[..5];

    private static void Row(StringBuilder sb, string label, BinaryScore score) =>
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{label,-22} {score.Precision,9:0.000} {score.Recall,7:0.000} {score.F1,6:0.000} {score.Support,8}");

    private static void Tally(bool gold, bool predicted, ref int tp, ref int fp, ref int fn, ref int tn)
    {
        if (gold && predicted)
        {
            tp++;
        }
        else if (predicted)
        {
            fp++;
        }
        else if (gold)
        {
            fn++;
        }
        else
        {
            tn++;
        }
    }
}
