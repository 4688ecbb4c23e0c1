namespace CxInbox.Classification.Tests.Text;

public class LanguageDetectionTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    [TestCase("Where is my order? It has been two weeks.", "en")]
    [TestCase("Paket saya belum sampai, sudah dua minggu.", "id")]
    [TestCase("Paket sy blm sampe jg udh 2 mgg", "id")]
    [TestCase("Kak, paketnya udah sampai tapi kurang satu, please check ASAP", "mixed")]
    [TestCase("Min, any update? Paket gue stuck di gudang", "mixed")]
    [TestCase("Since last month aplikasinya gak bisa dipakai buat booking", "mixed")]
    public void Detects_english_indonesian_and_code_switching(string text, string expected) =>
        Assert.That(Classifier.Classify(text).Language, Is.EqualTo(expected));

    [TestCase("Kak, voucher cashback flash sale bisa dipakai pas checkout pakai e-wallet?")]
    [TestCase("Min, refund saya kapan masuk? Udah cancel order dari kemarin")]
    [TestCase("Gak bisa login, OTP gak masuk2, udah reset password juga")]
    public void Everyday_commerce_loanwords_keep_a_message_indonesian(string text) =>
        Assert.That(Classifier.Classify(text).Language, Is.EqualTo("id"));

    [Test]
    public void Indonesian_proper_names_do_not_make_an_english_message_mixed() =>
        Assert.That(Classifier.Classify("I loved your \"Kopi dari Petani\" campaign video, my students analysed it in class.").Language,
            Is.EqualTo("en"));
}
