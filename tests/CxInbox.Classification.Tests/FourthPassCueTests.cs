namespace CxInbox.Classification.Tests;

/// <summary>The cue families added after reading the fresh8/fresh9 misses (docs/classification.md, "Fourth pass"), on
/// sentences written for these tests: none is in a labelled data file.</summary>
public class FourthPassCueTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Jadwal kelas renang anak dipindah tanpa pemberitahuan, kita udah sampe kolam")]
    [TestCase("Kereta sy diundur 2 jam tanpa info, gmn kompensasinya?")]
    [TestCase("Voucher cashback-nya gak bisa dipake padahal masih periode promo")]
    [TestCase("The courier asked for an extra 15k 'handling fee' at my door. Is that legit?")]
    public void A_change_without_notice_a_failing_code_or_a_fee_at_the_door_is_a_complaint(string text)
        => CueAssertions.AssertTags(text, complaint: true);

    [TestCase("How do I wash the linen shirt so it does not shrink?")]
    [TestCase("Cara merawat tas kulit biar tidak jamuran gimana kak?")]
    [TestCase("Changed my mind about the lamp, can I send it back? Still sealed")]
    [TestCase("Please remove me from the newsletter, nothing wrong, just too many emails")]
    public void A_care_question_an_own_choice_return_or_a_calm_unsubscribe_is_not_a_complaint(string text)
        => CueAssertions.AssertTags(text, complaint: false);

    [TestCase("If you opened a branch in Bogor I'd sign up the whole office")]
    [TestCase("Kalau nanti ada varian pedas level 5, aku langsung checkout 3")]
    public void A_wish_with_a_stated_intent_is_insight_and_a_sales_opportunity(string text)
        => CueAssertions.AssertTags(text, stage: JourneyStage.Insight, sales: true);

    [Test]
    public void A_checkout_failure_from_a_customer_who_still_wants_it_is_both_a_complaint_and_a_sale()
        => CueAssertions.AssertTags("Card keeps getting declined at checkout, I still want the sneakers though",
            stage: JourneyStage.Transaction, complaint: true, sales: true);

    [Test]
    public void The_evidence_names_the_change_made_without_notice()
    {
        var result = Classifier.Classify("Kereta sy diundur 2 jam tanpa info, gmn kompensasinya?");

        Assert.That(result.Evidence.Where(e => e.Tag == "complaint").Select(e => e.Cue), Does.Contain("tanpa info"));
    }
}
