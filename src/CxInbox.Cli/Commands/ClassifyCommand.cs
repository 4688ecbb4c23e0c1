using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CxInbox.Classification;
using CxInbox.Classification.Evaluation;

namespace CxInbox.Cli.Commands;

internal static class ClassifyCommand
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Gold labels in the input keep their values under gold_*; the plain names carry the classifier's answer.
    private static readonly string[] GoldFields = ["journey_stage", "complaint", "sales_opportunity", "language"];

    public static int Run(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["input", "output", "lexicon"]);
        var input = options.Required("input");
        var output = options.Required("output");
        var classifier = new MessageClassifier(LexiconCommands.Load(options.Optional("lexicon")));
        var lines = MessageFile.Read(input);
        var results = new List<(LabelledMessage, ClassificationResult)>(lines.Count);
        using (var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false)))
        {
            foreach (var line in lines)
            {
                var result = classifier.Classify(line.Message.Text, line.Message.Channel);
                results.Add((line.Message, result));
                writer.Write(ToJson(line.Fields, result));
                writer.Write('\n');
            }
        }

        Console.Error.WriteLine($"classified {lines.Count} messages from {input} into {output}");
        ReportPrinter.Print(Path.GetFileName(input), results);
        return 0;
    }

    public static void Write(string path, IEnumerable<(JsonObject Fields, ClassificationResult Result)> lines)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        foreach (var (fields, result) in lines)
        {
            writer.Write(ToJson(fields, result));
            writer.Write('\n');
        }
    }

    private static string ToJson(JsonObject fields, ClassificationResult result)
    {
        var record = new JsonObject();
        foreach (var (name, value) in fields)
        {
            record[GoldFields.Contains(name) ? "gold_" + name : name] = value?.DeepClone();
        }

        record["journey_stage"] = result.StageName;
        record["stage_confidence"] = Math.Round(result.StageConfidence, 3);
        record["complaint"] = result.Complaint;
        record["complaint_confidence"] = Math.Round(result.ComplaintConfidence, 3);
        record["sales_opportunity"] = result.SalesOpportunity;
        record["sales_confidence"] = Math.Round(result.SalesConfidence, 3);
        record["language"] = result.Language;
        var evidence = new JsonArray();
        foreach (var e in result.Evidence)
        {
            evidence.Add(new JsonObject { ["tag"] = e.Tag, ["cue"] = e.Cue, ["reason"] = e.Reason });
        }

        record["evidence"] = evidence;
        return record.ToJsonString(Output);
    }
}
