using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Classification.Tests;

public class ClassifierPropertyTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    private static readonly string[] Pieces =
    [
        "refund", "blm sampai", "gak ada keluhan", "not bad", "👏", "🙃", "😡", "🙏", "\u200d", "\ufe0f", "\u0000", "\u001b[31m",
        "\t", "\n", "?", "!!!", "#", "@brand", "https://x.y/z", "2x", "rame2", "bangettt", "'", "’", "\ud83d", "\udc4f", "é", "ß",
        "İ", "ﷺ", "𝔘𝔫𝔦", "100%", "-", "e-ticket", " ",
    ];

    [Property(MaxTest = 300)]
    public Property Any_string_gets_one_of_the_six_stages_a_language_and_confidences_in_range() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => Holds(text));

    [Property(MaxTest = 300)]
    public Property Mixtures_of_cues_emoji_and_control_characters_never_break_it() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Pieces)).ToArbitrary(), parts => Holds(string.Concat(parts)));

    [Property(MaxTest = 100)]
    public Property Classification_is_deterministic() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Pieces)).ToArbitrary(), parts =>
        {
            var text = string.Join(' ', parts);
            var first = Classifier.Classify(text);
            var second = Classifier.Classify(text);
            return first.Stage == second.Stage && first.Complaint == second.Complaint && first.Evidence.SequenceEqual(second.Evidence);
        });

    [Test]
    public void Null_text_is_treated_as_empty() =>
        Assert.That(Holds(null), Is.True);

    [Test]
    public void One_classifier_can_be_shared_by_many_threads()
    {
        var texts = TestData.Load("messages-dev.jsonl").Select(m => m.Text).ToArray();
        var expected = texts.Select(t => Classifier.Classify(t).StageName).ToArray();

        var actual = new string[texts.Length];
        Parallel.For(0, texts.Length * 4, i => actual[i % texts.Length] = Classifier.Classify(texts[i % texts.Length]).StageName);

        Assert.That(actual, Is.EqualTo(expected));
    }

    private static bool Holds(string? text)
    {
        var result = Classifier.Classify(text!);
        return JourneyStages.All.Contains(result.Stage)
            && result.Language is "en" or "id" or "mixed"
            && result.StageConfidence is >= 0 and <= 1
            && result.ComplaintConfidence is >= 0.5 and <= 1
            && result.SalesConfidence is >= 0.5 and <= 1
            && result.Evidence.All(e => e.Cue.Length > 0 && e.Reason.Length > 0);
    }
}
