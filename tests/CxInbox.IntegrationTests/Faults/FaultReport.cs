namespace CxInbox.IntegrationTests.Faults;

/// <summary>One line per scenario in the test output: the figures docs/reliability.md tabulates.</summary>
internal static class FaultReport
{
    /// <param name="messages">Distinct customer messages sent.</param>
    /// <param name="acknowledged">Provider ids of the messages answered 2xx in the end.</param>
    /// <param name="stored">How many times each provider id is stored.</param>
    /// <param name="refusedAttempts">Deliveries answered with an error or cut off, which the sender repeated.</param>
    /// <param name="recovery">From the end of the fault to the last acknowledged message stored.</param>
    public static void Inbound(string scenario, int messages, IReadOnlyCollection<string> acknowledged, IReadOnlyDictionary<string, long> stored,
        int refusedAttempts, TimeSpan recovery) =>
        Write($"fault report: {scenario}: messages sent {messages}, accepted {acknowledged.Count}, stored {stored.Count}, " +
              $"duplicated {stored.Count(s => s.Value > 1)}, lost {acknowledged.Count(id => !stored.ContainsKey(id))}, " +
              $"refused attempts {refusedAttempts}, recovery {recovery.TotalSeconds:0.0} s");

    public static void Write(string line)
    {
        TestContext.Out.WriteLine(line);
        TestContext.Progress.WriteLine(line);
    }
}
