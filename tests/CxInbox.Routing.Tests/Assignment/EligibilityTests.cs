using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Tests.Assignment;

/// <summary>An agent takes only conversations in a language they answer in, on a channel they work.</summary>
public sealed class EligibilityTests
{
    private static AgentSnapshot Agent(string name, int open = 0, string[]? languages = null, string[]? channels = null) =>
        new(Guid.NewGuid(), name, AgentPresence.Online, open, 5, null, Languages: languages, Channels: channels);

    [Test]
    public void An_indonesian_conversation_goes_to_the_agent_who_speaks_indonesian_though_another_is_less_loaded()
    {
        var english = Agent("Emma", open: 0, languages: ["en"]);
        var indonesian = Agent("Ayu", open: 3, languages: ["id", "en"]);

        var decision = AssignmentPolicy.Decide([english, indonesian], new ConversationNeeds(Language: "id"));

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(indonesian.Id));
        Assert.That(decision.Reason, Does.Contain("Emma does not speak id"));
    }

    [TestCase(new[] { "id" }, true)]
    [TestCase(new[] { "en", "id" }, true)]
    [TestCase(new[] { "en" }, false)]
    public void A_code_switched_conversation_needs_an_agent_who_reads_indonesian(string[] languages, bool eligible) =>
        Assert.That(Agent("Budi", languages: languages).Speaks("mixed"), Is.EqualTo(eligible));

    [Test]
    public void An_agent_who_lists_no_languages_or_channels_takes_any()
    {
        var anyone = Agent("Chloe");

        Assert.That(anyone.Mismatch(new ConversationNeeds("service", "id", "email")), Is.Null);
    }

    [Test]
    public void An_email_conversation_waits_when_the_only_agent_works_chat_channels_and_the_reason_says_so()
    {
        var chat = Agent("Dewi", channels: ["sms", "facebook"]);

        var decision = AssignmentPolicy.Decide([chat], new ConversationNeeds(Channel: "email"));

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Wait>());
        Assert.That(decision.Reason, Does.Contain("Dewi does not work email"));
    }

    [Test]
    public void The_previous_agent_who_does_not_work_the_new_channel_is_passed_over_with_the_reason()
    {
        var known = Agent("Ayu", channels: ["sms"]);
        var other = Agent("Budi", open: 4);

        var decision = AssignmentPolicy.Decide([known, other], new ConversationNeeds(Channel: "x-dm"), known.Id);

        Assert.That(decision, Is.InstanceOf<AssignmentDecision.Assign>().With.Property("AgentId").EqualTo(other.Id));
        Assert.That(decision.Reason, Does.Contain("Ayu, who served them before, does not work x-dm"));
    }
}
