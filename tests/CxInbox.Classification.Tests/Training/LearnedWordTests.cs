using CxInbox.Classification.Evaluation;
using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Training;

namespace CxInbox.Classification.Tests.Training;

public class LearnedWordTests
{
    private const string OneGroup = """{ "groups": [ { "name": "bread", "reason": "about bread", "en": ["bread"], "id": ["roti"] } ] }""";

    private static readonly TrainingOptions EveryWord = new(MinWordMessages: 3, MaxWordShare: 1);

    private static readonly LabelledMessage[] Examples =
    [
        new("1", "rotinya jamuran", Stage: JourneyStage.Delivery, Complaint: true, SalesOpportunity: false),
        new("2", "kuenya jamuran semua", Stage: JourneyStage.Delivery, Complaint: true, SalesOpportunity: false),
        new("3", "kok jamuran ya", Stage: JourneyStage.Delivery, Complaint: true, SalesOpportunity: false),
        new("4", "roti tawar ada", Stage: JourneyStage.Transaction, Complaint: false, SalesOpportunity: true),
        new("5", "roti gandum ada", Stage: JourneyStage.Transaction, Complaint: false, SalesOpportunity: true),
        new("6", "roti manis ada", Stage: JourneyStage.Transaction, Complaint: false, SalesOpportunity: true),
    ];

    private static Lexicon Trained() => LexiconTrainer.Train(LexiconParser.Parse(OneGroup).Lexicon!, Examples, EveryWord);

    [Test]
    public void Training_learns_words_no_group_lists_and_the_classifier_quotes_them()
    {
        var result = new MessageClassifier(Trained()).Classify("isinya jamuran");

        Assert.Multiple(() =>
        {
            Assert.That(result.Complaint, Is.True);
            Assert.That(result.Evidence, Has.Some.EqualTo(new Evidence("complaint", "jamuran",
                "a word that went with complaints in the labelled training messages")));
        });
    }

    [Test]
    public void An_affixed_form_never_seen_in_training_shares_its_stem()
    {
        var classifier = new MessageClassifier(Trained());

        Assert.That(classifier.Classify("kuenya berjamur").Complaint, Is.True);
    }

    [Test]
    public void Only_words_seen_in_enough_messages_are_learned()
    {
        var stems = Trained().LearnedWords.Select(w => w.Stem).ToList();

        Assert.That(stems, Does.Contain("jamur").And.Contain("ada").And.Not.Contain("gandum"));
    }

    [Test]
    public void A_pair_of_adjacent_words_is_learned_for_what_it_says_together_and_quoted_as_written()
    {
        LabelledMessage[] examples =
        [
            new("1", "card not working", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("2", "app not working today", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("3", "the tap is not working", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("4", "not sure which plan", Stage: JourneyStage.Support, Complaint: false, SalesOpportunity: false),
            new("5", "is the gym working on sundays", Stage: JourneyStage.Support, Complaint: false, SalesOpportunity: false),
            new("6", "not sure about sizes", Stage: JourneyStage.Support, Complaint: false, SalesOpportunity: false),
            new("7", "working hours please", Stage: JourneyStage.Support, Complaint: false, SalesOpportunity: false),
        ];
        var trained = LexiconTrainer.Train(LexiconParser.Parse(OneGroup).Lexicon!, examples, EveryWord);

        var result = new MessageClassifier(trained).Classify("Scanner Not  Working");

        Assert.Multiple(() =>
        {
            Assert.That(trained.LearnedWords.Select(w => w.Stem), Does.Contain("not working").And.Not.Contain("not sure"));
            Assert.That(result.Complaint, Is.True);
            Assert.That(result.Evidence, Has.Some.EqualTo(new Evidence("complaint", "Not  Working",
                "words that went with complaints in the labelled training messages")));
        });
    }

    [Test]
    public void No_pair_is_learned_across_a_question_mark_a_sentence_end_a_line_break_a_comma_an_emoji_or_a_link()
    {
        LabelledMessage[] examples =
        [
            new("1", "is it working? not sure", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("2", "it is working. Not today though", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("3", "working\nnot urgent", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("4", "all working, not a problem", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("5", "working 🙂 not bad", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("6", "see working https://example.com/x not me", Stage: JourneyStage.Support, Complaint: true, SalesOpportunity: false),
            new("7", "the e-ticket is e-mailed", Stage: JourneyStage.Delivery, Complaint: false, SalesOpportunity: false),
            new("8", "your e-ticket", Stage: JourneyStage.Delivery, Complaint: false, SalesOpportunity: false),
            new("9", "an e-ticket please", Stage: JourneyStage.Delivery, Complaint: false, SalesOpportunity: false),
        ];
        var trained = LexiconTrainer.Train(LexiconParser.Parse(OneGroup).Lexicon!, examples, EveryWord);

        Assert.That(trained.LearnedWords.Select(w => w.Stem), Does.Contain("working").And.Contain("e ticket").And.Not.Contain("working not"));
    }

    [Test]
    public void Words_in_too_large_a_share_of_messages_are_not_learned()
    {
        var trained = LexiconTrainer.Train(LexiconParser.Parse(OneGroup).Lexicon!, Examples, new TrainingOptions(MinWordMessages: 3, MaxWordShare: 0.4));

        Assert.That(trained.LearnedWords.Select(w => w.Stem), Does.Not.Contain("ada").And.Not.Contain("jamur").And.Not.Contain("roti"));
    }

    [Test]
    public void Learned_words_survive_a_round_trip_through_the_file_format()
    {
        var written = LexiconWriter.Write(Trained());
        var parsed = LexiconParser.Parse(written);

        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(LexiconWriter.Write(parsed.Lexicon!), Is.EqualTo(written));
        Assert.That(parsed.Lexicon!.LearnedWords, Is.Not.Empty);
    }

    [Test]
    public void A_stem_that_is_not_one_lower_case_word_is_reported()
    {
        var result = LexiconParser.Parse("""
            { "groups": [ { "name": "x", "reason": "r", "en": ["x"] } ], "learnedWords": { "Two Words": { "complaint": 1 } } }
            """);

        Assert.That(result.Errors.Select(e => e.ToString()),
            Has.Some.EqualTo("learnedWords.Two Words: a stem is one lower-case word of letters or digits, or two such words with one space between them"));
    }
}
