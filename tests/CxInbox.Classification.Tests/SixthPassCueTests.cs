namespace CxInbox.Classification.Tests;

/// <summary>The detached-enclitic matching and the cue families added after reading the fresh11 misses
/// (docs/classification.md, "Sixth pass"), on sentences written for these tests: none is in a labelled data file, and
/// each failed before the pass.</summary>
public class SixthPassCueTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Payment-nya failed terus pas mau bayar, padahal masih mau beli", "Payment-nya failed")]
    [TestCase("Payment nya failed terus pas mau bayar, padahal masih mau beli", "Payment nya failed")]
    public void A_detached_enclitic_does_not_break_the_phrase_it_sits_in(string text, string cue)
    {
        var result = Classifier.Classify(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Evidence.Where(e => e.Tag == "complaint").Select(e => e.Cue), Does.Contain(cue));
            Assert.That(result.Complaint, Is.True);
        });
    }

    [TestCase("Tolong stop telpon nawarin kartu kredit terus, sehari bisa 3x")]
    [TestCase("My reward points vanished overnight, can you put them back?")]
    [TestCase("Diskonnya 40% tapi harga coretnya dinaikin dulu, sama aja boong")]
    public void Telemarketing_lost_points_and_a_fake_discount_are_promotion_complaints(string text)
        => CueAssertions.AssertTags(text, stage: JourneyStage.Promotion, complaint: true);

    [TestCase("Can you reschedule the delivery of my fridge to next Tuesday? I will be out of town")]
    [TestCase("Kak pengiriman meja bisa diundur ke tanggal 15? Rumah kosong sampai tanggal itu")]
    public void A_reschedule_the_customer_asks_for_is_a_delivery_and_not_a_complaint(string text)
        => CueAssertions.AssertTags(text, stage: JourneyStage.Delivery, complaint: false);

    [Test]
    public void An_add_on_asked_next_to_a_how_to_stays_support_and_is_a_sale()
        => CueAssertions.AssertTags("Gimana cara pasang rak dinding nya? Btw mau beli 2 lagi, harganya brp?",
            stage: JourneyStage.Support, sales: true);

    [Test]
    public void An_exchange_with_more_bought_next_to_it_is_a_return_and_a_sale()
        => CueAssertions.AssertTags("Bisa tukar kaos ini ke size XL? Sekalian mau ambil 1 topi juga", stage: JourneyStage.Return, sales: true);

    [TestCase("If we have to cancel the venue two months before, how much do we get back?")]
    [TestCase("Gimana cara unreg layanan game premium? Udah ga main lagi")]
    public void A_refund_policy_question_or_stopping_a_service_is_a_return_without_a_sale(string text)
        => CueAssertions.AssertTags(text, stage: JourneyStage.Return, complaint: false, sales: false);

    [Test]
    public void A_card_blocked_by_the_customers_own_wrong_pin_is_not_a_complaint()
        => CueAssertions.AssertTags("Kartu ATM saya terblokir karena salah PIN tiga kali, cara aktifkan lagi gimana?", complaint: false);

    [Test]
    public void Work_that_had_to_be_fixed_elsewhere_is_a_complaint()
        => CueAssertions.AssertTags(
            "Last month the tailor shortened my trousers unevenly and I had to get it fixed somewhere else. Anyway, any slot next week for a suit fitting?",
            complaint: true);
}
