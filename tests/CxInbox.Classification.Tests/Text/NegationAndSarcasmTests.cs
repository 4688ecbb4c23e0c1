using CxInbox.Classification.Lexicons;

namespace CxInbox.Classification.Tests.Text;

public class NegationAndSarcasmTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Everything went fine, tidak ada masalah sama sekali. Makasih kak")]
    [TestCase("Gak ada keluhan, pelayanannya ramah")]
    [TestCase("No complaints, the room was clean and the staff were lovely")]
    [TestCase("The new menu is not bad at all")]
    [TestCase("I'm not dissatisfied, just wanted to say the app works well")]
    public void A_negated_complaint_is_not_a_complaint(string text) =>
        Assert.That(Classifier.Classify(text).Complaint, Is.False);

    [Test]
    public void A_negated_complaint_cue_shows_as_negated_evidence()
    {
        var result = Classifier.Classify("No complaints, the room was clean and the staff were lovely");

        Assert.That(result.Evidence, Has.Some.Matches<Evidence>(e =>
            e.Tag == "complaint" && e.Cue == "complaints" && e.Reason.StartsWith("negated:", StringComparison.Ordinal)));
    }

    [TestCase("Honestly not happy with the last two deliveries")]
    [TestCase("Saya tidak puas dengan pelayanannya")]
    public void Negated_praise_is_a_complaint(string text) =>
        Assert.That(Classifier.Classify(text).Complaint, Is.True);

    [TestCase("Lost parcel number three this year. Amazing service 👏")]
    [TestCase("Mantap, 3 jam gak dibales 👍")]
    [TestCase("Oh wonderful, you delivered my groceries to the wrong house again. Love that for me")]
    [TestCase("Truly listening to your users 🙃")]
    public void Praise_next_to_a_failure_is_read_as_sarcasm(string text)
    {
        var result = Classifier.Classify(text);

        Assert.That(result.Complaint, Is.True);
    }

    [Test]
    public void Sarcasm_is_named_in_the_evidence()
    {
        var result = Classifier.Classify("Lost parcel number three this year. Amazing service 👏");

        Assert.That(result.Evidence, Has.Some.Matches<Evidence>(e => e.Tag == "complaint" && e.Reason.Contains("sarcasm", StringComparison.Ordinal)));
    }

    [TestCase("Amazing service 👏 the driver helped carry everything upstairs")]
    [TestCase("Mantap 👍 pesanan cepat sampai")]
    public void Praise_without_a_failure_is_not_a_complaint(string text) =>
        Assert.That(Classifier.Classify(text).Complaint, Is.False);

    [Test]
    public void A_problem_the_customer_caused_is_not_a_complaint() =>
        Assert.That(Classifier.Classify("Forgot my PIN for the mobile banking app, how do I reset it?").Complaint, Is.False);

    [Test]
    public void A_bare_refund_request_is_not_a_complaint() =>
        Assert.That(Classifier.Classify("refund pls").Complaint, Is.False);

    [Test]
    public void Praise_next_to_a_failure_that_is_reported_fixed_is_thanks_not_sarcasm()
    {
        var lexicon = LexiconParser.Parse("""
            { "groups": [
                { "name": "praise", "reason": "praise", "kind": "praise", "en": ["great"] },
                { "name": "fault", "reason": "fault", "kind": "failure", "prior": { "complaint": 1 }, "en": ["broken"] },
                { "name": "resolved", "reason": "solved", "kind": "resolved", "en": ["works again"] },
                { "name": "sarcasm", "reason": "sarcasm", "builtin": "sarcasm", "prior": { "complaint": 3 } } ] }
            """).Lexicon!;
        var classifier = new MessageClassifier(lexicon);

        Assert.Multiple(() =>
        {
            Assert.That(classifier.Classify("screen broken. great").Evidence, Has.Some.Matches<Evidence>(e => e.Reason == "sarcasm"));
            Assert.That(classifier.Classify("screen was broken, works again now. great").Evidence,
                Has.None.Matches<Evidence>(e => e.Reason == "sarcasm"));
        });
    }
}
