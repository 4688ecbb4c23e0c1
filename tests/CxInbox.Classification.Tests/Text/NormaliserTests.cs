using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Text;

namespace CxInbox.Classification.Tests.Text;

public class NormaliserTests
{
    private static Normaliser Normaliser()
    {
        var normaliser = new Normaliser(Lexicon.Default.Abbreviations);
        normaliser.AddVocabulary(["banget", "paket", "rame", "good", "so", "belum", "sampai"]);
        return normaliser;
    }

    [TestCase("bangettt", "banget")]
    [TestCase("goood", "good")]
    [TestCase("sooo", "so")]
    [TestCase("rame2", "rame")]
    [TestCase("paketnya", "paket")]
    [TestCase("blm", "belum")]
    [TestCase("gk", "tidak")]
    [TestCase("udh", "sudah")]
    [TestCase("brp", "berapa")]
    [TestCase("tlg", "tolong")]
    [TestCase("BLM", "belum")]
    public void Informal_spellings_become_the_standard_form(string word, string expected) =>
        Assert.That(Normaliser().Normalise(word).Select(t => t.Text), Is.EqualTo(new[] { expected }));

    [TestCase("kepotong", "terpotong")]
    [TestCase("ketinggalan", "tertinggal")]
    [TestCase("dateng", "datang")]
    [TestCase("datengnya", "datang")]
    [TestCase("ngirim", "kirim")]
    [TestCase("dibalikin", "dibalikkan")]
    [TestCase("nyampe", "sampe")]
    [TestCase("keeper", "keeper")]
    [TestCase("kepencet", "kepencet")]
    public void Colloquial_affixes_and_vowels_become_the_known_standard_form(string word, string expected)
    {
        var normaliser = new Normaliser(new Dictionary<string, string>());
        normaliser.AddVocabulary(["terpotong", "tertinggal", "datang", "kirim", "dibalikkan", "sampe", "keep"]);

        Assert.That(normaliser.Normalise(word).Select(t => t.Text), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void An_abbreviation_may_expand_to_several_words() =>
        Assert.That(Normaliser().Normalise("I can't").Select(t => t.Text), Is.EqualTo(new[] { "i", "can", "not" }));

    [Test]
    public void Mentions_and_links_are_dropped_and_emoji_kept()
    {
        var tokens = Normaliser().Normalise("@BrandX paket blm sampai 😡 https://example.com/track?id=1").Select(t => t.Text);

        Assert.That(tokens, Is.EqualTo(new[] { "paket", "belum", "sampai", "😡" }));
    }

    [Test]
    public void Every_token_points_back_to_the_text_it_came_from()
    {
        const string text = "Paket sy blm sampai";

        var tokens = Normaliser().Normalise(text);

        Assert.That(tokens.Select(t => text.Substring(t.Start, t.Length)), Is.EqualTo(new[] { "Paket", "sy", "blm", "sampai" }));
    }

    [TestCase("150rb", new[] { "150", "rb" })]
    [TestCase("3,2jt", new[] { "3,2", "jt" })]
    [TestCase("Rp 1.500.000", new[] { "rp", "1.500.000" })]
    [TestCase("24jam", new[] { "24", "jam" })]
    [TestCase("tiba2", new[] { "tiba", "tiba" })]
    public void A_number_glued_to_its_unit_is_the_number_and_the_unit(string text, string[] expected) =>
        Assert.That(Normaliser().Normalise(text).Select(t => t.Text), Is.EqualTo(expected));

    [Test]
    public void A_glued_number_and_unit_point_back_to_their_own_characters()
    {
        const string text = "ditagih 150rb";

        var tokens = Normaliser().Normalise(text);

        Assert.That(tokens.Select(t => text.Substring(t.Start, t.Length)), Is.EqualTo(new[] { "ditagih", "150", "rb" }));
    }

    [Test]
    public void A_point_inside_a_number_does_not_end_the_sentence()
    {
        var tokens = Normaliser().Normalise("bayar Rp 1.500 tidak masuk");

        Assert.That(tokens.Single(t => t.Text == "tidak").SentenceStart, Is.False);
    }
}
