using CxInbox.Channels.Capabilities;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Outbound;

namespace CxInbox.Channels.Tests.X;

public class XPostLengthTests
{
    [TestCase("", 0)]
    [TestCase("Mohon maaf kak", 14)]
    [TestCase("\u2019\u201C\u201D", 3)] // typographic quotes weigh 1
    [TestCase("\u2026", 2)] // but not the ellipsis (U+2026 is outside twitter-text's light ranges)
    [TestCase("e\u0301", 1)] // NFC: é
    [TestCase("\u65E5\u672C", 4)] // CJK weighs 2
    [TestCase("\U0001F64F", 2)]
    [TestCase("\U0001F44D\U0001F3FD", 2)] // emoji with a skin tone: one emoji
    [TestCase("\U0001F468\u200D\U0001F469\u200D\U0001F467", 2)] // a ZWJ family: one emoji
    [TestCase("\U0001F1EE\U0001F1E9", 2)] // a flag
    [TestCase("https://example.com/a/very/long/path/that/is/longer/than/twenty/three", 23)]
    [TestCase("cek www.example.com ya", 4 + 23 + 3)]
    [TestCase("cek tokopedia.com/orders atau shopee.co.id", 4 + 23 + 6 + 23)]
    [TestCase("cs@example.com", 14)] // an e-mail address is not a link
    [TestCase("@ExampleBrand", 13)]
    public void Weighted_length_counts_as_x_does(string text, int expected)
    {
        Assert.That(XPostLength.Weighted(text), Is.EqualTo(expected));
    }

    [Test]
    public void A_public_reply_may_weigh_280_as_X_counts_them_not_as_the_string_counts()
    {
        var now = DateTimeOffset.UtcNow;

        var fits = XCapabilities.Posts.CheckReply(new string('\u65E5', 140), now, now);
        var tooLong = XCapabilities.Posts.CheckReply(new string('\u65E5', 141), now, now);

        Assert.That(fits, Is.Null);
        Assert.That(tooLong?.Code, Is.EqualTo(ReplyRefusal.TooLong));
        Assert.That(tooLong?.Reason, Does.Contain("282").And.Contain("280"));
    }
}
