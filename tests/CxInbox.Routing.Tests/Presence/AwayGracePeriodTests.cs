using CxInbox.Routing.Assignment;
using CxInbox.Routing.Presence;

namespace CxInbox.Routing.Tests.Presence;

public sealed class AwayGracePeriodTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    private static AbsentAgent Away(TimeSpan ago, bool paused = false, int open = 2, AgentPresence presence = AgentPresence.Away) =>
        new(Guid.NewGuid(), "Ann", presence, paused, Now - ago, open);

    [Test]
    public void An_agent_away_by_their_own_choice_for_the_grace_period_hands_their_work_back() =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(Grace), Now, Grace), Is.True);

    [Test]
    public void An_agent_away_for_less_than_the_grace_period_keeps_their_work() =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(Grace - TimeSpan.FromSeconds(1)), Now, Grace), Is.False);

    [Test]
    public void A_paused_agent_keeps_their_work_however_long_the_pause() =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(TimeSpan.FromHours(8), paused: true), Now, Grace), Is.False);

    [Test]
    public void A_grace_period_of_zero_turns_it_off() =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(TimeSpan.FromHours(8)), Now, TimeSpan.Zero), Is.False);

    [Test]
    public void An_agent_away_since_an_unknown_time_keeps_their_work_until_their_next_change() =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(Grace) with { PresenceSince = null }, Now, Grace), Is.False);

    [TestCase(AgentPresence.Online)]
    [TestCase(AgentPresence.Offline)]
    public void Only_away_counts(AgentPresence presence) =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(TimeSpan.FromHours(1), presence: presence), Now, Grace), Is.False);

    [Test]
    public void Nothing_to_hand_back_is_no_work() =>
        Assert.That(AwayGracePeriod.HandsBackWork(Away(TimeSpan.FromHours(1), open: 0), Now, Grace), Is.False);
}
