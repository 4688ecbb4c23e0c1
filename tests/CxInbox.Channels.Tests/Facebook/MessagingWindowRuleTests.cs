using CxInbox.Channels.Facebook.Outbound;

namespace CxInbox.Channels.Tests.Facebook;

public class MessagingWindowRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    [TestCase(0, MessagingWindow.Standard)]
    [TestCase(60, MessagingWindow.Standard)]
    [TestCase((24 * 3600) - 1, MessagingWindow.Standard)]
    [TestCase(24 * 3600, MessagingWindow.HumanAgent)]
    [TestCase((7 * 24 * 3600) - 1, MessagingWindow.HumanAgent)]
    [TestCase(7 * 24 * 3600, MessagingWindow.Closed)]
    [TestCase(30 * 24 * 3600, MessagingWindow.Closed)]
    [TestCase(-300, MessagingWindow.Standard)]
    public void Window_follows_the_time_since_the_customer_last_wrote(int secondsAgo, MessagingWindow expected)
    {
        var window = MessagingWindowRule.Decide(Now.AddSeconds(-secondsAgo), Now);

        Assert.That(window, Is.EqualTo(expected));
    }

    [Test]
    public void No_customer_message_means_no_window()
    {
        var window = MessagingWindowRule.Decide(null, Now);

        Assert.That(window, Is.EqualTo(MessagingWindow.Closed));
    }
}
