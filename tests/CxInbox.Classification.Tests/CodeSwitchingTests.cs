namespace CxInbox.Classification.Tests;

/// <summary>Code-switched Indonesian–English chat (guidelines §2, §4): an Indonesian negator in front of an English
/// verb, an Indonesian "already" with an English time unit, an opt-out already made, and the look-alikes that are not
/// complaints: eagerness ("gak sabar", "can't wait"), suggestions, "split bill", changing an order before it ships.
/// None of these sentences is in a labelled data file.</summary>
public class CodeSwitchingTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Kak, charger-nya gak ngecas sama sekali")]
    [TestCase("Gak worth it bayar segitu, porsinya kecil")]
    [TestCase("Udh 2 weeks nunggu teknisi dateng")]
    [TestCase("Please stop the promo emails, I already unsubscribed")]
    [TestCase("Udh unsubscribe dari newsletter kalian, kok masih dikirimin?")]
    public void A_code_switched_report_of_a_failure_is_a_complaint(string text)
    {
        var result = Classifier.Classify(text);

        Assert.That(result.Complaint, Is.True);
    }

    [TestCase("Gak sabar pengen beli jaket yang baru!")]
    [TestCase("Can't wait for the new season menu 😍")]
    [TestCase("Gak nyesel beli disini, recommended!")]
    [TestCase("How do I split the bill in the app?")]
    [TestCase("Mau ganti alamat pengiriman, mumpung belum dikirim ya kak")]
    public void Eagerness_a_negated_regret_a_feature_question_or_an_early_change_is_not_a_complaint(string text)
    {
        var result = Classifier.Classify(text);

        Assert.That(result.Complaint, Is.False);
    }

    [Test]
    public void Eagerness_to_buy_is_a_sales_opportunity_with_its_own_evidence()
    {
        var result = Classifier.Classify("Gak sabar pengen beli jaket yang baru!");

        Assert.That(result.SalesOpportunity, Is.True);
        Assert.That(result.Evidence.Where(e => e.Tag == "complaint").Select(e => e.Reason),
            Does.Contain("is eager to buy or try, not unhappy"));
    }

    [Test]
    public void An_indonesian_already_with_an_english_time_unit_is_evidence_of_waiting()
    {
        var result = Classifier.Classify("Udh 2 weeks nunggu teknisi dateng");

        Assert.That(result.Evidence.Where(e => e.Tag == "complaint").Select(e => e.Cue), Does.Contain("Udh 2 weeks"));
    }
}
