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
        var trained = NotWorkingTrained();

        var result = new MessageClassifier(trained).Classify("Scanner Not  Working");

        Assert.Multiple(() =>
        {
            Assert.That(trained.LearnedWords.Select(w => w.Stem), Does.Contain("not working").And.Not.Contain("not sure"));
            Assert.That(result.Complaint, Is.True);
            Assert.That(result.Evidence, Has.Some.EqualTo(new Evidence("complaint", "Not  Working",
                "words that went with complaints in the labelled training messages")));
        });
    }

    [TestCase("is it working? not sure")]
    [TestCase("it is working. Not today")]
    [TestCase("working\nnot urgent")]
    [TestCase("all working, not a problem")]
    [TestCase("the heating is working - not the boiler")]
    [TestCase("working 24 not 12")]
    [TestCase("working 🙂 not bad")]
    [TestCase("see working https://example.com/x not me")]
    [TestCase("working @Brand not me")]
    public void No_pair_spans_a_clause_boundary(string text) =>
        Assert.That(new MessageClassifier(Abbreviating()).Stems(text), Does.Contain("working").And.Contain("not").And.Not.Contain("working not"));

    [TestCase("it is working not", "working not")]
    [TestCase("working\u00a0not", "working not")]
    [TestCase("your e-ticket", "e ticket")]
    [TestCase("gbs login", "tidak bisa")]
    [TestCase("gbs login", "bisa login")]
    public void Words_that_stand_together_form_a_pair(string text, string pair) =>
        Assert.That(new MessageClassifier(Abbreviating()).Stems(text), Does.Contain(pair));

    [Test]
    public void A_learned_pair_is_not_counted_across_a_comma_when_classifying()
    {
        var classifier = new MessageClassifier(NotWorkingTrained());

        Assert.That(classifier.Classify("Scanner not, working").Evidence.Select(e => e.Reason),
            Has.None.EqualTo("words that went with complaints in the labelled training messages"));
        Assert.That(classifier.Classify("Scanner not working").Evidence.Select(e => e.Reason),
            Has.Some.EqualTo("words that went with complaints in the labelled training messages"));
    }

    private static Lexicon Abbreviating() => LexiconParser.Parse("""
        { "abbreviations": { "gbs": "tidak bisa" }, "groups": [ { "name": "bread", "reason": "about bread", "en": ["bread"] } ] }
        """).Lexicon!;

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

    private static Lexicon NotWorkingTrained()
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
        return LexiconTrainer.Train(LexiconParser.Parse(OneGroup).Lexicon!, examples, EveryWord);
    }
}
