using CxInbox.Classification.Lexicons;

namespace CxInbox.Classification.Tests.Lexicons;

public class LexiconParserTests
{
    private const string Minimal = """
        { "groups": [ { "name": "refund", "reason": "asks for money back", "prior": { "return": 3 }, "en": ["refund"], "id": ["uang kembali"] } ] }
        """;

    [Test]
    public void The_shipped_lexicon_is_valid()
    {
        var result = LexiconParser.Parse(Lexicon.DefaultJson());

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Lexicon!.Groups, Has.Count.GreaterThan(50));
    }

    [Test]
    public void A_minimal_lexicon_classifies()
    {
        var lexicon = LexiconParser.Parse(Minimal).Lexicon!;

        var result = new MessageClassifier(lexicon).Classify("mau uang kembali");

        Assert.That(result.Stage, Is.EqualTo(JourneyStage.Return));
        Assert.That(result.Evidence, Has.Some.EqualTo(new Evidence("journey_stage", "uang kembali", "asks for money back")));
    }

    [Test]
    public void Comments_and_trailing_commas_are_allowed() =>
        Assert.That(LexiconParser.Parse("""
            // a deployment's note
            { "groups": [ { "name": "x", "reason": "r", "en": ["refund",], }, ], }
            """).IsValid, Is.True);

    [Test]
    public void An_unknown_stage_is_named_with_its_path()
    {
        var result = LexiconParser.Parse("""{ "groups": [ { "name": "late", "reason": "r", "en": ["late"], "prior": { "deliveryy": 2 } } ] }""");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.ToString()), Has.Some.StartsWith("groups[late].prior.deliveryy: unknown stage or flag 'deliveryy'"));
    }

    [Test]
    public void An_empty_phrase_is_named_with_its_index()
    {
        var result = LexiconParser.Parse("""{ "groups": [ { "name": "late", "reason": "r", "id": ["telat", "terlambat", "belum sampai", " "] } ] }""");

        Assert.That(result.Errors, Has.Some.EqualTo(new LexiconError("groups[late].id[3]", "empty phrase")));
    }

    [Test]
    public void An_invalid_regex_reports_the_regex_error()
    {
        var result = LexiconParser.Parse("""{ "groups": [ { "name": "rating", "reason": "r", "patterns": ["(\\d+/5"] } ] }""");

        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Path, Is.EqualTo("groups[rating].patterns[0]"));
        Assert.That(result.Errors[0].Message, Does.StartWith("invalid regex '(\\d+/5':").And.Contain("offset 6"));
    }

    [Test]
    public void Invalid_json_names_the_line()
    {
        var result = LexiconParser.Parse("{\n  \"groups\": [\n    { \"name\": \"x\" \"reason\": \"r\" }\n  ]\n}");

        Assert.That(result.Errors.Single().Message, Does.StartWith("not valid JSON at line 3"));
    }

    [Test]
    public void Every_problem_is_reported_at_once()
    {
        var result = LexiconParser.Parse("""
            { "negationWindow": 0, "colour": 1,
              "groups": [ { "name": "a", "en": ["x"] }, { "name": "a", "reason": "r", "kind": "angry", "en": ["y"] }, { "reason": "r" } ] }
            """);

        Assert.That(result.Errors.Select(e => e.Path), Is.SupersetOf(new[]
        {
            "negationWindow", "colour", "groups[a].reason", "groups[a]", "groups[a].kind", "groups[2]",
        }));
    }

    [Test]
    public void The_complaint_threshold_decides_the_complaint_tag_and_its_confidence_stays_between_half_and_one()
    {
        // "refund" alone gives a complaint probability of sigmoid(-1.5 + 1.2) = 0.43: a complaint from 0.4, not from 0.5.
        const string Lexicon = """
            { "bias": { "complaint": -1.5 }, "complaintThreshold": THRESHOLD,
              "groups": [ { "name": "refund", "reason": "asks for money back", "prior": { "return": 3, "complaint": 1.2 }, "en": ["refund"] } ] }
            """;
        var at40 = new MessageClassifier(LexiconParser.Parse(Lexicon.Replace("THRESHOLD", "0.4")).Lexicon!).Classify("refund please");
        var at50 = new MessageClassifier(LexiconParser.Parse(Lexicon.Replace("THRESHOLD", "0.5")).Lexicon!).Classify("refund please");

        Assert.That((at40.Complaint, at50.Complaint), Is.EqualTo((true, false)));
        Assert.That(at40.ComplaintConfidence, Is.InRange(0.5, 0.6));
        Assert.That(at50.ComplaintConfidence, Is.EqualTo(1 - 0.4255).Within(0.001));
    }

    [Test]
    public void A_complaint_threshold_outside_its_range_is_refused_and_the_shipped_one_survives_writing()
    {
        var result = LexiconParser.Parse("""{ "complaintThreshold": 1.5, "groups": [] }""");

        Assert.That(result.Errors.Single().Path, Is.EqualTo("complaintThreshold"));
        Assert.That(LexiconParser.Parse(LexiconWriter.Write(Lexicon.Default)).Lexicon!.ComplaintThreshold,
            Is.EqualTo(Lexicon.Default.ComplaintThreshold));
    }

    [Test]
    public void A_phrase_that_is_only_a_number_wildcard_is_refused()
    {
        var result = LexiconParser.Parse("""{ "groups": [ { "name": "n", "reason": "r", "en": ["#"] } ] }""");

        Assert.That(result.Errors.Single().Message, Does.Contain("would match every number"));
    }

    [Test]
    public void Writing_and_parsing_again_gives_the_same_classifications()
    {
        var again = LexiconParser.Parse(LexiconWriter.Write(Lexicon.Default));

        Assert.That(again.Errors, Is.Empty);
        var original = MessageClassifier.Default;
        var reparsed = new MessageClassifier(again.Lexicon!);
        foreach (var text in new[] { "refund pls", "Paket sy blm sampai udh 10 hari 😡", "harga?", "Survey: 5/5, lovely staff" })
        {
            Assert.That(reparsed.Classify(text), Is.EqualTo(original.Classify(text)).Using<ClassificationResult>(SameTags), text);
        }
    }

    private static bool SameTags(ClassificationResult a, ClassificationResult b) =>
        a.Stage == b.Stage && a.Complaint == b.Complaint && a.SalesOpportunity == b.SalesOpportunity && a.Language == b.Language
        && Math.Abs(a.StageConfidence - b.StageConfidence) < 1e-9 && a.Evidence.SequenceEqual(b.Evidence);
}
