using System.Globalization;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// The one knob of the fault suite's long form: <c>CXINBOX_FAULT_SCALE</c> (default 1, the short form in the test
/// command) multiplies the number of customers, and so of messages and replies, in every fault scenario.
/// <c>scripts/faults-long.sh</c> runs the suite with it.
/// </summary>
internal static class FaultScale
{
    public const string Variable = "CXINBOX_FAULT_SCALE";

    public static int Factor { get; } = Read();

    /// <summary>The short form's <paramref name="count"/>, scaled.</summary>
    public static int Of(int count) => count * Factor;

    /// <summary>A wait of the short form, lengthened in proportion: more messages take longer to settle.</summary>
    public static TimeSpan Deadline(TimeSpan shortForm) => shortForm * Factor;

    private static int Read()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var factor) && factor is >= 1 and <= 1000
            ? factor
            : throw new InvalidOperationException($"{Variable} must be a whole number from 1 to 1000, not '{text}'.");
    }
}
