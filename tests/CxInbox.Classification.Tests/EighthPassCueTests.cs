namespace CxInbox.Classification.Tests;

/// <summary>The words added after reading the fresh21 complaint misses (docs/classification.md, "Eighth pass"), on
/// sentences written for these tests: none is in a labelled data file, and each failed before the pass.</summary>
public class EighthPassCueTests
{
    [TestCase("Oops, I clicked the wrong delivery date at checkout. Can I move it to Friday?")]
    [TestCase("Kak aku kehilangan kartu kredit di bandara, tolong blokir sekarang ya")]
    public void A_slip_of_the_customer_is_not_a_complaint(string text)
        => CueAssertions.AssertTags(text, complaint: false);

    [Test]
    public void A_crackling_sound_is_a_fault()
        => CueAssertions.AssertTags("My new headphones make a crackling sound in the left ear. Still under warranty.", complaint: true);

    [Test]
    public void Kresek_is_a_fault_in_support()
        => CueAssertions.AssertTags("Speaker mobil saya bunyi kresek kresek sejak servis kemarin, bisa dicek?", stage: JourneyStage.Support, complaint: true);

    [Test]
    public void A_new_unit_asked_for_after_a_stain_is_a_return_complaint()
        => CueAssertions.AssertTags("Sprei yang baru dateng ada noda kuning, mau tukar yang baru ya kak", stage: JourneyStage.Return, complaint: true);

    [Test]
    public void Marked_received_but_nothing_came_is_a_delivery_complaint()
        => CueAssertions.AssertTags("Status di aplikasi dibilang sudah diterima, tapi saya belum terima apa-apa", stage: JourneyStage.Delivery, complaint: true);
}
