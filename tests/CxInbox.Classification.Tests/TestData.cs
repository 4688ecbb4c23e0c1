using System.Text.Json;
using CxInbox.Classification;
using CxInbox.Classification.Evaluation;

namespace CxInbox.Classification.Tests;

/// <summary>Reads the labelled JSON Lines sets copied next to the test assembly. Only id, text, channel and the gold
/// labels are read: the labeller's note never reaches the classifier.</summary>
internal static class TestData
{
    public static IReadOnlyList<LabelledMessage> Load(string file)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", file);
        return File.ReadLines(path).Where(l => l.Length > 0).Select(Parse).ToList();
    }

    private static LabelledMessage Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (!JourneyStages.TryParse(root.GetProperty("journey_stage").GetString(), out var stage))
        {
            throw new InvalidDataException("Unknown journey_stage in " + line);
        }

        return new LabelledMessage(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!,
            root.GetProperty("channel").GetString(), root.GetProperty("language").GetString(), stage,
            root.GetProperty("complaint").GetBoolean(), root.GetProperty("sales_opportunity").GetBoolean());
    }
}
