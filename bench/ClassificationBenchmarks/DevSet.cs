using System.Text.Json;

namespace ClassificationBenchmarks;

/// <summary>The texts of tests/TestData/classification/messages-dev.jsonl: 240 messages in every channel style and language.</summary>
internal static class DevSet
{
    public static string[] Texts()
    {
        var path = Find(Path.Combine("tests", "TestData", "classification", "messages-dev.jsonl"));
        return File.ReadLines(path).Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToArray();
    }

    // BenchmarkDotNet runs a generated copy of this project from deep inside bin/; walk up to the repository.
    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
