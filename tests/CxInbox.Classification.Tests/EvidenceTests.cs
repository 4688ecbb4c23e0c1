namespace CxInbox.Classification.Tests;

public class EvidenceTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [Test]
    public void Complaint_evidence_quotes_the_cue_as_the_customer_wrote_it()
    {
        var result = Classifier.Classify("Paket sy blm sampai udh 10 hari, resi gak bisa dilacak");

        Assert.That(result.Complaint, Is.True);
        Assert.That(result.Evidence, Has.Some.EqualTo(new Evidence("complaint", "blm sampai", "reports a delivery failure")));
    }

    [Test]
    public void Every_tag_that_is_set_has_evidence()
    {
        var result = Classifier.Classify("Jacket arrived with a broken zip. I want to return it and get my money back");

        Assert.Multiple(() =>
        {
            Assert.That(result.Evidence.Where(e => e.Tag == "journey_stage"), Is.Not.Empty);
            Assert.That(result.Evidence.Where(e => e.Tag == "complaint"), Is.Not.Empty);
        });
    }

    [Test]
    public void Evidence_is_short_enough_to_show_an_agent()
    {
        var result = Classifier.Classify(string.Join(" ", Enumerable.Repeat("refund pls, paket blm sampai, amazing service 👏", 40)));

        Assert.That(result.Evidence, Has.Count.LessThanOrEqualTo(9));
        Assert.That(result.Evidence.Select(e => e.Cue.Length), Has.All.LessThan(60));
    }

    [Test]
    public void The_stage_evidence_names_what_decided_it()
    {
        var result = Classifier.Classify("refund please, order 8812");

        Assert.That(result.Evidence.First(e => e.Tag == "journey_stage"), Is.EqualTo(new Evidence("journey_stage", "refund", "asks for money back")));
    }
}
