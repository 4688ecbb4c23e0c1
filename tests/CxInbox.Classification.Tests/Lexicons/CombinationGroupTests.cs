using CxInbox.Classification.Lexicons;

namespace CxInbox.Classification.Tests.Lexicons;

public class CombinationGroupTests
{
    private const string SlowRefund = """
        { "bias": { "complaint": -2 },
          "groups": [
            { "name": "refund", "reason": "asks for money back", "prior": { "return": 3 }, "en": ["refund"] },
            { "name": "waited", "reason": "says how long they waited", "en": ["# weeks"] },
            { "name": "slow-refund", "reason": "a refund still not received after a long wait", "all": ["refund", "waited"],
              "prior": { "complaint": 4 } } ] }
        """;

    private static readonly MessageClassifier Classifier = new(LexiconParser.Parse(SlowRefund).Lexicon!);

    [Test]
    public void A_combination_fires_only_when_all_its_groups_are_present()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Classifier.Classify("refund please").Complaint, Is.False);
            Assert.That(Classifier.Classify("it took 3 weeks").Complaint, Is.False);
            Assert.That(Classifier.Classify("where is my refund, 3 weeks now").Complaint, Is.True);
        });
    }

    [Test]
    public void A_combination_is_quoted_as_the_part_that_completes_it()
    {
        var result = Classifier.Classify("where is my refund, 3 weeks now");

        Assert.That(result.Evidence, Has.Some.EqualTo(
            new Evidence("complaint", "3 weeks", "a refund still not received after a long wait")));
    }

    [Test]
    public void A_combination_survives_a_round_trip_through_the_file_format()
    {
        var written = LexiconWriter.Write(LexiconParser.Parse(SlowRefund).Lexicon!);

        Assert.That(LexiconParser.Parse(written).Lexicon!.Groups[2].AllOf, Is.EqualTo(new[] { "refund", "waited" }));
    }

    [TestCase("""["refund", "nope"]""", "groups[slow].all[1]: unknown group 'nope'")]
    [TestCase("""["refund"]""", "groups[slow].all: must be an array of two or more group names")]
    [TestCase("""["refund", "refund"]""", "groups[slow].all[1]: 'refund' is named twice")]
    [TestCase("""["refund", "sarcasm"]""", "groups[slow].all[1]: 'sarcasm' is a combination or builtin group; name groups that match words or patterns")]
    public void An_invalid_combination_is_named_with_its_path(string all, string error)
    {
        var result = LexiconParser.Parse($$"""
            { "groups": [
                { "name": "refund", "reason": "r", "en": ["refund"] },
                { "name": "sarcasm", "reason": "s", "builtin": "sarcasm" },
                { "name": "slow", "reason": "r", "all": {{all}} } ] }
            """);

        Assert.That(result.Errors.Select(e => e.ToString()), Has.Some.EqualTo(error));
    }

    [Test]
    public void A_combination_has_no_phrases_of_its_own()
    {
        var result = LexiconParser.Parse("""
            { "groups": [
                { "name": "a", "reason": "r", "en": ["a"] }, { "name": "b", "reason": "r", "en": ["b"] },
                { "name": "ab", "reason": "r", "all": ["a", "b"], "en": ["ab"] } ] }
            """);

        Assert.That(result.Errors.Select(e => e.ToString()), Has.Some.StartsWith("groups[ab]: a combination group"));
    }
}
