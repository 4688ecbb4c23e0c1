using CxInbox.Routing.ServiceLevels;

namespace CxInbox.Routing.Tests.ServiceLevels;

public sealed class FirstResponseTargetsTests
{
    private static readonly FirstResponseTargets Targets = new(
        new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase) { ["sms"] = TimeSpan.FromMinutes(15), ["email"] = TimeSpan.FromHours(4) },
        TimeSpan.FromHours(1));

    [TestCase("sms", 15)]
    [TestCase("SMS", 15)]
    [TestCase("email", 240)]
    [TestCase("whatsapp", 60)]
    public void A_channel_has_its_own_target_and_an_unlisted_one_the_fallback(string channel, int minutes) =>
        Assert.That(Targets.For(channel), Is.EqualTo(TimeSpan.FromMinutes(minutes)));
}
