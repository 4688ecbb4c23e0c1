namespace CxInbox.Classification.Tests;

/// <summary>The stage precedence of the guidelines: return first, promotion next, delivery, transaction, support,
/// insight, with the listed exceptions to "return first".</summary>
public class PrecedenceTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Parcel is 10 days late. Just cancel it and refund me.", JourneyStage.Return)]
    [TestCase("Paket blm sampai udh 2 minggu, batalin aja dan balikin uang saya", JourneyStage.Return)]
    [TestCase("The kettle leaks from the bottom, I want my money back", JourneyStage.Return)]
    public void A_refund_or_cancellation_wins_over_the_problem_that_caused_it(string text, JourneyStage expected) =>
        Assert.That(Classifier.Classify(text).Stage, Is.EqualTo(expected));

    [TestCase("Please unsubscribe me from the newsletter")]
    [TestCase("Tolong berhenti kirim email promosi ke saya")]
    public void Unsubscribing_from_marketing_is_promotion_not_return(string text) =>
        Assert.That(Classifier.Classify(text).Stage, Is.EqualTo(JourneyStage.Promotion));

    [Test]
    public void Pausing_a_membership_is_support_not_return() =>
        Assert.That(Classifier.Classify("Can I pause my gym membership for a month? Travelling for work").Stage,
            Is.EqualTo(JourneyStage.Support));

    [Test]
    public void A_warranty_repair_is_support_not_return() =>
        Assert.That(Classifier.Classify("The washing machine stopped spinning, it's under warranty, please send a technician").Stage,
            Is.EqualTo(JourneyStage.Support));

    [Test]
    public void A_promo_question_is_promotion_even_when_the_customer_wants_to_buy()
    {
        var result = Classifier.Classify("does the 20% off apply to the corner sofa? I'd order today");

        Assert.That(result.Stage, Is.EqualTo(JourneyStage.Promotion));
        Assert.That(result.SalesOpportunity, Is.True);
    }

    [Test]
    public void A_free_shipping_promo_is_promotion_not_delivery() =>
        Assert.That(Classifier.Classify("promo gratis ongkir minimal belanja berapa?").Stage, Is.EqualTo(JourneyStage.Promotion));

    [Test]
    public void A_pre_purchase_shipping_question_is_delivery_with_a_sales_opportunity()
    {
        var result = Classifier.Classify("Do you deliver to Bogor, and what's the delivery fee? Planning a big order this weekend");

        Assert.That(result.Stage, Is.EqualTo(JourneyStage.Delivery));
        Assert.That(result.SalesOpportunity, Is.True);
    }

    [Test]
    public void Survey_feedback_about_delivery_is_insight() =>
        Assert.That(Classifier.Classify("Survei: pengiriman cepat, sayur segar, harga wajar. Tdk ada keluhan.").Stage,
            Is.EqualTo(JourneyStage.Insight));

    [Test]
    public void An_already_paid_order_is_no_sales_opportunity() =>
        Assert.That(Classifier.Classify("Sudah transfer DP untuk sewa mobil, ini buktinya. Mohon dikonfirmasi").SalesOpportunity, Is.False);

    [Test]
    public void A_customer_who_bought_elsewhere_is_no_sales_opportunity() =>
        Assert.That(Classifier.Classify("Udah 3 hari nanya harga gak dibales. Ya udah saya pesan di travel lain aja").SalesOpportunity,
            Is.False);
}
