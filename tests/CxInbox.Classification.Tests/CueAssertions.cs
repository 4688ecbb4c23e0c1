namespace CxInbox.Classification.Tests;

/// <summary>The cue tests' one check: the shipped classifier gives a sentence the tags named, and those only are
/// checked; a tag left out may be anything.</summary>
internal static class CueAssertions
{
    public static void AssertTags(string text, JourneyStage? stage = null, bool? complaint = null, bool? sales = null)
    {
        var result = MessageClassifier.Default.Classify(text);

        Assert.Multiple(() =>
        {
            if (stage is { } expectedStage)
            {
                Assert.That(result.Stage, Is.EqualTo(expectedStage), "stage");
            }

            if (complaint is { } expectedComplaint)
            {
                Assert.That(result.Complaint, Is.EqualTo(expectedComplaint), "complaint");
            }

            if (sales is { } expectedSales)
            {
                Assert.That(result.SalesOpportunity, Is.EqualTo(expectedSales), "sales opportunity");
            }
        });
    }
}
