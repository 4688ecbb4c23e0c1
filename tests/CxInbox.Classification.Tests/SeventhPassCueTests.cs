namespace CxInbox.Classification.Tests;

/// <summary>The guideline's "return first" rule as combinations and the Indonesian refund and termination forms
/// added after reading the fresh12/fresh13/fresh15 misses (docs/classification.md, "Seventh pass"), on sentences
/// written for these tests: none is in a labelled data file, and each failed before the pass.</summary>
public class SeventhPassCueTests
{
    [TestCase("Paket saya telat seminggu dari estimasi, batalin aja dan balikin dana saya")]
    [TestCase("Kurirnya telat 5 hari dari janji, tolong batalkan pesanan saya")]
    [TestCase("Makanan datang telat 2 jam, minta refund")]
    public void Money_back_or_cancelling_after_a_failed_delivery_is_a_return_complaint(string text)
        => CueAssertions.AssertTags(text, stage: JourneyStage.Return, complaint: true);

    [Test]
    public void A_late_parcel_without_a_refund_or_cancellation_stays_delivery()
        => CueAssertions.AssertTags("Paket saya telat seminggu dari estimasi, kapan sampai?", stage: JourneyStage.Delivery, complaint: true);

    [TestCase("Saya ingin mengakhiri polis kendaraan saya bulan depan, bagaimana prosedurnya?")]
    [TestCase("Mohon penutupan akun saya beserta data pribadinya. Terima kasih")]
    [TestCase("Saya ingin menutup akun saya, mohon langkah-langkahnya")]
    public void Ending_a_policy_or_closing_an_account_in_formal_Indonesian_is_a_return_without_a_complaint(string text)
        => CueAssertions.AssertTags(text, stage: JourneyStage.Return, complaint: false);

    [Test]
    public void An_e_policy_asked_for_after_paying_is_a_digital_delivery()
        => CueAssertions.AssertTags("Sudah bayar premi asuransi mobil kemarin, e-polisnya kapan dikirim?", stage: JourneyStage.Delivery);

    [Test]
    public void Opening_an_account_is_a_transaction_even_after_mau_buka()
        => CueAssertions.AssertTags("Sy mau buka rekening buat usaha katering, syaratnya apa aja?", stage: JourneyStage.Transaction, sales: true);
}
