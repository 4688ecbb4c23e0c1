using BenchmarkDotNet.Attributes;
using CxInbox.Classification;

namespace ClassificationBenchmarks;

/// <summary>Messages per second on one thread: one operation is one message of the dev set, so the reported mean is
/// the time per message and 1 / mean is messages per second on one core.</summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private string[] texts = [];
    private MessageClassifier classifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        texts = DevSet.Texts();
        classifier = new MessageClassifier();
    }

    [Benchmark(OperationsPerInvoke = 240)]
    public int ClassifyDevSet()
    {
        var complaints = 0;
        foreach (var text in texts)
        {
            complaints += classifier.Classify(text).Complaint ? 1 : 0;
        }

        return complaints;
    }
}
