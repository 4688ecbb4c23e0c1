using CxInbox.Routing.Assignment;

namespace CxInbox.Routing.Tests.Assignment;

public sealed class ChannelWeightsTests
{
    [Test]
    public void A_channel_not_listed_weighs_one_and_a_listed_one_what_it_says_whatever_the_case()
    {
        var weights = new ChannelWeights(new Dictionary<string, decimal> { ["email"] = 0.5m });

        Assert.That((weights.Of("EMAIL"), weights.Of("sms"), weights.Of(null), weights.Minimum), Is.EqualTo((0.5m, 1m, 1m, 0.5m)));
    }

    [TestCase("0")]
    [TestCase("1.5")]
    [TestCase("0.333")]
    [TestCase("-1")]
    public void A_weight_outside_hundredths_between_0_01_and_1_is_refused(string text)
    {
        var weight = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(ChannelWeights.Problem(weight), Is.Not.Null);
        Assert.That(() => new ChannelWeights(new Dictionary<string, decimal> { ["email"] = weight }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase("0.01")]
    [TestCase("0.5")]
    [TestCase("1")]
    public void Hundredths_between_0_01_and_1_are_allowed(string text) =>
        Assert.That(ChannelWeights.Problem(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)), Is.Null);

    [Test]
    public void A_half_weight_conversation_fits_beside_a_load_of_two_and_a_half_where_a_whole_one_does_not()
    {
        var ann = new AgentSnapshot(Guid.NewGuid(), "Ann", AgentPresence.Online, 4, 3, null) { Load = 2.5m };

        var email = AssignmentPolicy.Decide([ann], new ConversationNeeds(Channel: "email", Weight: 0.5m));
        var chat = AssignmentPolicy.Decide([ann], new ConversationNeeds(Channel: "sms", Weight: 1m));

        Assert.That(email, Is.TypeOf<AssignmentDecision.Assign>());
        Assert.That(chat.Reason, Does.Contain("Ann has no room for 1 more at 2.5/3"));
    }
}
