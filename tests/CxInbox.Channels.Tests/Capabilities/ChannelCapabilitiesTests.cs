using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Outbound;
using CxInbox.Channels.Twilio;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Channels.Tests.Capabilities;

public class ChannelCapabilitiesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);

    private static readonly ChannelCapabilities Limited = new()
    {
        Channel = "acme",
        MaxReplyLength = 10,
        ReplyWindow = TimeSpan.FromHours(24),
    };

    [TestCase(0)]
    [TestCase(10)]
    public void A_reply_within_the_length_limit_is_taken(int length)
    {
        Assert.That(Limited.CheckReply(new string('a', length), Now, Now), Is.Null);
    }

    [Test]
    public void A_reply_over_the_length_limit_is_refused_with_both_lengths_in_the_reason()
    {
        var refusal = Limited.CheckReply(new string('a', 11), Now, Now);

        Assert.That(refusal?.Code, Is.EqualTo(ReplyRefusal.TooLong));
        Assert.That(refusal?.Reason, Does.Contain("11").And.Contain("at most 10"));
    }

    [Test]
    public void The_length_is_counted_the_channels_way()
    {
        var countsWords = Limited with { ReplyLength = text => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length };

        Assert.That(countsWords.CheckReply(string.Join(' ', Enumerable.Repeat("kata", 10)), Now, Now), Is.Null);
        Assert.That(countsWords.CheckReply(string.Join(' ', Enumerable.Repeat("kata", 11)), Now, Now)?.Code, Is.EqualTo(ReplyRefusal.TooLong));
    }

    [Test]
    public void Without_limits_any_reply_is_taken_at_any_time()
    {
        var unlimited = new ChannelCapabilities { Channel = "acme" };

        Assert.That(unlimited.CheckReply(new string('a', 100_000), Now.AddYears(-3), Now), Is.Null);
        Assert.That(unlimited.CheckReply("Halo", null, Now), Is.Null);
    }

    [TestCase(-300, true)] // clock skew: the provider's time is ahead of ours
    [TestCase(0, true)]
    [TestCase((24 * 3600) - 1, true)]
    [TestCase(24 * 3600, false)]
    [TestCase(30 * 24 * 3600, false)]
    public void The_window_follows_the_time_since_the_customer_last_wrote(int secondsAgo, bool taken)
    {
        var refusal = Limited.CheckReply("Halo", Now.AddSeconds(-secondsAgo), Now);

        Assert.That(refusal is null, Is.EqualTo(taken), $"refusal: {refusal}");
    }

    [Test]
    public void A_closed_window_is_explained_with_its_length_and_when_it_closed()
    {
        var refusal = Limited.CheckReply("Halo", Now.AddDays(-2), Now);

        Assert.That(refusal?.Code, Is.EqualTo(ReplyRefusal.WindowClosed));
        Assert.That(refusal?.Reason, Does.Contain("2026-12-02 09:30 UTC").And.Contain("1 day").And.Contain("until 2026-12-03 09:30 UTC"));
    }

    [Test]
    public void With_a_window_a_customer_who_never_wrote_cannot_be_answered()
    {
        var refusal = Limited.CheckReply("Halo", null, Now);

        Assert.That(refusal?.Code, Is.EqualTo(ReplyRefusal.WindowClosed));
    }

    [Property]
    public Property Messengers_declared_window_closes_exactly_when_the_senders_rule_does() =>
        Prop.ForAll(Gen.Choose(-3600, 10 * 24 * 3600).ToArbitrary(), secondsAgo =>
        {
            var last = Now.AddSeconds(-secondsAgo);
            var declaredOpen = FacebookCapabilities.Messenger.CheckReply("Halo", last, Now) is null;
            var senderOpen = MessagingWindowRule.Decide(last, Now) != MessagingWindow.Closed;
            return declaredOpen == senderOpen;
        });

    [TestCase("STOP", true)]
    [TestCase(" Stop! ", true)]
    [TestCase("unsubscribe.", true)]
    [TestCase("START", false)]
    [TestCase("yes", false)]
    [TestCase("stop sending me ads", null)]
    [TestCase("HELP", null)]
    [TestCase("", null)]
    public void Sms_consent_keywords_are_the_whole_message(string text, bool? optedOut)
    {
        Assert.That(TwilioCapabilities.Sms.MatchConsentKeyword(text), Is.EqualTo(optedOut));
    }
}
