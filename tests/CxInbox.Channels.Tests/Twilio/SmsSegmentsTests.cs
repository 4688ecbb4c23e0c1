using System.Text.Json;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Twilio.Outbound;

namespace CxInbox.Channels.Tests.Twilio;

/// <summary>The segment counts of test-vectors.json, checked against Twilio's own sms-segments-calculator.</summary>
public sealed class SmsSegmentsTests
{
    public static IEnumerable<TestCaseData> Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ProviderData.PathOf("test-vectors.json")));
        return [.. document.RootElement.GetProperty("sms_segments").EnumerateArray().Select(v => new TestCaseData(
                v.GetProperty("text").GetString()!, v.GetProperty("expected_encoding").GetString()!,
                v.GetProperty("expected_units").GetInt32(), v.GetProperty("expected_segments").GetInt32())
            .SetArgDisplayNames(v.GetProperty("id").GetString()!))];
    }

    [TestCaseSource(nameof(Vectors))]
    public void Encoding_units_and_segments_match_Twilios_calculator(string text, string encoding, int units, int segments)
    {
        Assert.That(SmsSegments.Count(text), Is.EqualTo(new SmsCost(encoding, units, segments)));
    }
}
