using CxInbox.Routing.Threading;

namespace CxInbox.Routing.Tests.Threading;

public class ReferenceThreadingRuleTests
{
    private static readonly Guid Referenced = Guid.Parse("0190f0b4-0000-7000-8000-000000000001");
    private static readonly Guid Latest = Guid.Parse("0190f0b4-0000-7000-8000-000000000002");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ReopenWindow = TimeSpan.FromHours(2);
    private static readonly LatestConversation ResolvedLongAgo = new(Referenced, ConversationStatus.Resolved, Now.AddDays(-30));

    [Test]
    public void An_answer_joins_the_conversation_it_names_rather_than_the_latest()
    {
        var decision = ReferenceThreadingRule.Decide(new LatestConversation(Referenced, ConversationStatus.Open),
            new LatestConversation(Latest, ConversationStatus.Resolved, Now.AddMinutes(-5)), Now, ReopenWindow);

        Assert.That(decision, Is.EqualTo(new ThreadingDecision.Join(Referenced)));
    }

    [Test]
    public void An_answer_to_a_conversation_resolved_long_ago_reopens_it()
    {
        var decision = ReferenceThreadingRule.Decide(ResolvedLongAgo, ResolvedLongAgo, Now, ReopenWindow);

        Assert.That(decision, Is.EqualTo(new ThreadingDecision.Reopen(Referenced)));
    }

    [Test]
    public void An_answer_to_a_resolved_conversation_joins_the_customer_s_open_one()
    {
        var decision = ReferenceThreadingRule.Decide(ResolvedLongAgo, new LatestConversation(Latest, ConversationStatus.Open), Now, ReopenWindow);

        Assert.That(decision, Is.EqualTo(new ThreadingDecision.Join(Latest)));
    }

    [Test]
    public void Without_a_named_conversation_the_usual_rule_decides()
    {
        var decision = ReferenceThreadingRule.Decide(null, ResolvedLongAgo, Now, ReopenWindow);

        Assert.That(decision, Is.TypeOf<ThreadingDecision.StartConversation>());
    }

    [Test]
    public void Automated_mail_goes_to_the_conversation_it_names_even_a_resolved_one()
    {
        Assert.That(ReferenceThreadingRule.PlaceAutomated(ResolvedLongAgo, new LatestConversation(Latest, ConversationStatus.Open)), Is.EqualTo(Referenced));
    }

    [Test]
    public void Automated_mail_naming_nothing_goes_to_the_sender_s_open_conversation_or_nowhere()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReferenceThreadingRule.PlaceAutomated(null, new LatestConversation(Latest, ConversationStatus.Pending)), Is.EqualTo(Latest));
            Assert.That(ReferenceThreadingRule.PlaceAutomated(null, ResolvedLongAgo), Is.Null);
            Assert.That(ReferenceThreadingRule.PlaceAutomated(null, null), Is.Null);
        });
    }

    [Test]
    public void In_Reply_To_is_looked_up_first_then_References_from_the_newest()
    {
        var order = ReferenceThreadingRule.LookupOrder("c@x", ["a@x", "b@x", "c@x"]);

        Assert.That(order, Is.EqualTo(new[] { "c@x", "b@x", "a@x" }));
    }
}
