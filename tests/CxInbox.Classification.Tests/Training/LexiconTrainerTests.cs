using CxInbox.Classification.Evaluation;
using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Training;

namespace CxInbox.Classification.Tests.Training;

public class LexiconTrainerTests
{
    private const string TwoGroups = """
        { "groups": [
            { "name": "money", "reason": "money", "en": ["money"] },
            { "name": "parcel", "reason": "parcel", "en": ["parcel"] } ] }
        """;

    private static readonly LabelledMessage[] Examples =
    [
        new("1", "money please", Stage: JourneyStage.Return, Complaint: false, SalesOpportunity: false),
        new("2", "my money", Stage: JourneyStage.Return, Complaint: false, SalesOpportunity: false),
        new("3", "parcel late", Stage: JourneyStage.Delivery, Complaint: true, SalesOpportunity: false),
        new("4", "where is the parcel", Stage: JourneyStage.Delivery, Complaint: true, SalesOpportunity: false),
    ];

    [Test]
    public void Training_learns_which_group_points_to_which_stage()
    {
        var trained = LexiconTrainer.Train(LexiconParser.Parse(TwoGroups).Lexicon!, Examples);

        var classifier = new MessageClassifier(trained);

        Assert.That(classifier.Classify("money money").Stage, Is.EqualTo(JourneyStage.Return));
        Assert.That(classifier.Classify("the parcel").Stage, Is.EqualTo(JourneyStage.Delivery));
        Assert.That(classifier.Classify("the parcel").Complaint, Is.True);
    }

    [Test]
    public void Training_is_deterministic_and_survives_a_round_trip_through_the_file_format()
    {
        var lexicon = LexiconParser.Parse(TwoGroups).Lexicon!;

        var first = LexiconWriter.Write(LexiconTrainer.Train(lexicon, Examples));
        var second = LexiconWriter.Write(LexiconTrainer.Train(LexiconParser.Parse(first).Lexicon!, Examples));

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Cross_validation_classifies_every_message_once_with_weights_trained_without_it()
    {
        var results = CrossValidation.Run(LexiconParser.Parse(TwoGroups).Lexicon!, Examples, folds: 2);

        Assert.That(results.Select(r => r.Gold.Id), Is.EqualTo(new[] { "1", "2", "3", "4" }));
    }
}
