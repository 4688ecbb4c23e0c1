namespace CxInbox.Classification.Tests;

/// <summary>The words added after reading the fresh21 complaint misses and the counted-failure patterns added after
/// reading fresh24's (docs/classification.md, "Eighth pass"), on sentences written for these tests: none is in a
/// labelled data file, and each failed before the pass except the loyal customer's count, which guards the patterns'
/// exception.</summary>
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

    [TestCase("Fourth dropped call today on your network. Brilliant.")]
    [TestCase("You said the replacement card would come in 7 working days. We are now on day 19.")]
    [TestCase("Ini sudah pemadaman ke-4 bulan ini di blok kami")]
    [TestCase("Paket dari toko kalian yang ke-2 bulan ini nyampe di rumah tetangga")]
    public void A_failure_counted_or_timed_past_its_promise_is_a_complaint(string text)
        => CueAssertions.AssertTags(text, complaint: true);

    [Test]
    public void Counting_ones_own_orders_is_not_a_complaint()
        => CueAssertions.AssertTags("This is my third order this month, love your bakery!", complaint: false);
}
