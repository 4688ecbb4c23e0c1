namespace CxInbox.Classification.Tests;

/// <summary>Calm and oblique complaints in chat-style, often code-switched, messages, and the look-alikes that are not
/// complaints (guidelines §2): own-fault reports, status checks inside the promised time, thanks after a fix. None of
/// these sentences is in a labelled data file.</summary>
public class ObliqueComplaintTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Speaker-nya baru 5 hari udah bunyi kresek, is this normal?")]
    [TestCase("Min, kok saldo poin aku berkurang sendiri ya?")]
    [TestCase("FYI lift di lantai 3 bunyi aneh dari tadi pagi")]
    [TestCase("Aplikasinya logout sendiri terus tiap buka kamera")]
    [TestCase("Heads up: your checkout page shows the old price, tapi yang kepotong harga baru")]
    public void A_calm_or_oblique_report_of_a_failure_is_a_complaint(string text)
    {
        var result = Classifier.Classify(text);

        Assert.That(result.Complaint, Is.True);
    }

    [TestCase("Not complaining ya, just checking: pesanan kemarin estimasi sampai hari apa?")]
    [TestCase("My bad, salah input alamat pas checkout. Bisa diganti?")]
    [TestCase("Makasih min, wifi udah normal lagi sekarang 🙏")]
    [TestCase("Would order again, sambalnya mantap!")]
    public void A_status_check_an_own_fault_or_thanks_after_a_fix_is_not_a_complaint(string text)
    {
        var result = Classifier.Classify(text);

        Assert.That(result.Complaint, Is.False);
    }

    [Test]
    public void The_evidence_names_the_oblique_cue()
    {
        var result = Classifier.Classify("Min, kok saldo poin aku berkurang sendiri ya?");

        Assert.That(result.Evidence.Where(e => e.Tag == "complaint").Select(e => e.Cue), Does.Contain("kok"));
    }
}
