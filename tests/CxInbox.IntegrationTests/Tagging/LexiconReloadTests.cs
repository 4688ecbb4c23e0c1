using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Tagging;

/// <summary>A deployment tunes the classifier by editing its lexicon file; the Host picks the edit up without a
/// restart and keeps the previous lexicon when an edit is invalid.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class LexiconReloadTests
{
    private const string MadeUpWord = "zorblax";

    private string lexiconPath = null!;
    private JsonObject lexicon = null!;
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHostWithALexiconFile()
    {
        var shipped = Path.Combine(RepositoryRoot(), "src", "CxInbox.Classification", "Lexicons", "default.json");
        lexicon = JsonNode.Parse(await File.ReadAllTextAsync(shipped))!.AsObject();
        lexiconPath = Path.Combine(Directory.CreateTempSubdirectory("cxinbox-lexicon-").FullName, "lexicon.json");
        await File.WriteAllTextAsync(lexiconPath, lexicon.ToJsonString());
        host = await HostUnderTest.StartAsync(Engines.Embedded, "lexicon", new Dictionary<string, string?> { ["Classification:LexiconPath"] = lexiconPath });
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(Path.GetDirectoryName(lexiconPath)!, recursive: true);
    }

    [Test]
    public async Task A_valid_edit_takes_effect_without_a_restart_and_an_invalid_one_is_ignored()
    {
        var before = await CuesAsync();
        var refund = lexicon["groups"]!.AsArray().First(g => (string?)g!["name"] == "refund")!;
        refund["en"]!.AsArray().Add(MadeUpWord);
        await File.WriteAllTextAsync(lexiconPath, lexicon.ToJsonString());
        var after = await Eventually.Until(CuesAsync, cues => cues.Contains(MadeUpWord), "the edited lexicon in force");

        await File.WriteAllTextAsync(lexiconPath, "{ \"groups\": [ { \"name\": ");
        await Task.Delay(TimeSpan.FromSeconds(6)); // longer than the file watcher's polling interval
        var afterInvalidEdit = await CuesAsync();

        Assert.That(before, Does.Not.Contain(MadeUpWord));
        Assert.That(after, Does.Contain(MadeUpWord));
        Assert.That(afterInvalidEdit, Does.Contain(MadeUpWord), "the previous lexicon stays in force");
    }

    /// <summary>The cues the classifier reports as evidence for a message containing the made-up word.</summary>
    private async Task<List<string>> CuesAsync()
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/classify", new { text = $"I want a {MadeUpWord} for my order" });
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. result["evidence"]!.AsArray().Select(e => ((string?)e!["cue"] ?? "").ToLowerInvariant())];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CxInbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CxInbox.sln not found above the test directory.");
    }
}
