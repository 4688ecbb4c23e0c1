using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Text;

namespace CxInbox.Classification.Tests.Text;

public class CueMatcherTests
{
    private const int DriverCancelled = 0;
    private const int RoomAc = 1;

    private static readonly Normaliser Normaliser = new(Lexicon.Default.Abbreviations);

    private static CueMatcher Matcher()
    {
        var matcher = new CueMatcher();
        matcher.Add(Normaliser.NormalisePhrase("driver cancel"), DriverCancelled);
        matcher.Add(Normaliser.NormalisePhrase("ac nya"), RoomAc);
        matcher.Seal();
        return matcher;
    }

    private static List<CueMatch> Match(string text)
    {
        var matches = new List<CueMatch>();
        Matcher().Match(Normaliser.Normalise(text), matches);
        return matches;
    }

    [TestCase("driver nya cancel lagi")]
    [TestCase("Driver-nya cancel lagi")]
    public void A_detached_enclitic_inside_a_phrase_is_skipped(string text)
    {
        var match = Match(text).Single();

        Assert.Multiple(() =>
        {
            Assert.That(match.Groups, Is.EqualTo(new[] { DriverCancelled }));
            Assert.That((match.FirstToken, match.LastToken), Is.EqualTo((0, 2)));
        });
    }

    [Test]
    public void A_phrase_that_lists_the_enclitic_still_matches_it()
    {
        var match = Match("AC-nya bocor").Single();

        Assert.Multiple(() =>
        {
            Assert.That(match.Groups, Is.EqualTo(new[] { RoomAc }));
            Assert.That((match.FirstToken, match.LastToken), Is.EqualTo((0, 1)));
        });
    }

    [Test]
    public void Another_word_between_the_parts_still_breaks_the_phrase() =>
        Assert.That(Match("driver baru cancel"), Is.Empty);
}
