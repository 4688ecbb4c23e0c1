using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CxInbox.Classification;
using CxInbox.Classification.Lexicons;

namespace ClassificationBenchmarks;

/// <summary>Start-up: parse and validate the shipped lexicon and build a classifier, then classify one message. Cold
/// start runs each launch in a fresh process, so JIT and first-use costs are in the figure, as at a Host's start or a
/// lexicon reload.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1, id: "ColdStart")]
public class StartupBenchmarks
{
    private string json = "";

    [GlobalSetup]
    public void Setup() => json = Lexicon.DefaultJson();

    [Benchmark]
    public ClassificationResult ParseLexiconBuildClassifierAndClassifyOne()
    {
        var lexicon = LexiconParser.Parse(json).Lexicon!;
        return new MessageClassifier(lexicon).Classify("Paket sy blm sampai udh 10 hari, resi gak bisa dilacak 😡");
    }
}

/// <summary>The same start-up, warm: what a lexicon reload costs in a running process.</summary>
[MemoryDiagnoser]
public class ReloadBenchmarks
{
    private string json = "";

    [GlobalSetup]
    public void Setup() => json = Lexicon.DefaultJson();

    [Benchmark]
    public MessageClassifier ParseLexiconAndBuildClassifier() => new(LexiconParser.Parse(json).Lexicon!);
}
