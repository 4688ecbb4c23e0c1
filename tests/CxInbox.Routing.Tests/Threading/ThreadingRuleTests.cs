using CxInbox.Routing.Threading;

namespace CxInbox.Routing.Tests.Threading;

public class ThreadingRuleTests
{
    private static readonly Guid ConversationId = Guid.Parse("0190f0b4-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ReopenWindow = TimeSpan.FromHours(2);

    [Test]
    public void Customer_without_a_conversation_starts_one()
    {
        var decision = ThreadingRule.Decide(null, Now, ReopenWindow);

        Assert.That(decision, Is.TypeOf<ThreadingDecision.StartConversation>());
    }

    [TestCase(ConversationStatus.Open)]
    [TestCase(ConversationStatus.Pending)]
    [TestCase(ConversationStatus.Snoozed)]
    public void Message_joins_the_latest_conversation_while_it_is_not_resolved(ConversationStatus status)
    {
        var decision = ThreadingRule.Decide(new LatestConversation(ConversationId, status), Now, ReopenWindow);

        Assert.That(decision, Is.EqualTo(new ThreadingDecision.Join(ConversationId)));
    }

    [Test]
    public void Message_long_after_the_conversation_was_resolved_starts_a_new_one()
    {
        var decision = ThreadingRule.Decide(new LatestConversation(ConversationId, ConversationStatus.Resolved, Now.AddHours(-3)), Now, ReopenWindow);

        Assert.That(decision, Is.TypeOf<ThreadingDecision.StartConversation>());
    }

    [Test]
    public void Message_soon_after_the_conversation_was_resolved_reopens_it()
    {
        var decision = ThreadingRule.Decide(new LatestConversation(ConversationId, ConversationStatus.Resolved, Now.AddMinutes(-30)), Now, ReopenWindow);

        Assert.That(decision, Is.EqualTo(new ThreadingDecision.Reopen(ConversationId)));
    }

    [Test]
    public void Message_exactly_at_the_end_of_the_window_still_reopens()
    {
        var decision = ThreadingRule.Decide(new LatestConversation(ConversationId, ConversationStatus.Resolved, Now - ReopenWindow), Now, ReopenWindow);

        Assert.That(decision, Is.TypeOf<ThreadingDecision.Reopen>());
    }

    [Test]
    public void Every_status_is_covered_by_these_tests()
    {
        // A new status (say, Archived) must get a decision here before the rule can be trusted with it.
        Assert.That(Enum.GetValues<ConversationStatus>(), Is.EquivalentTo(new[]
        {
            ConversationStatus.Open, ConversationStatus.Pending, ConversationStatus.Snoozed, ConversationStatus.Resolved,
        }));
    }
}
