using CxInbox.Routing.Tagging;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Tagging;

/// <summary>Competing routers handle a conversation's messages in any order; its tags must come out as if one
/// router had handled them in the order the customer wrote them.</summary>
public sealed class MessageOrderTests
{
    private static readonly string[] Stages = ["insight", "promotion", "transaction", "delivery", "support", "return"];

    [Test]
    public void A_late_older_message_adds_its_complaint_but_does_not_take_the_stage_back()
    {
        var newest = ConversationTags.Evolve(null, new MessageTags("transaction", false, 0.1, true, 0.9, "en"), isNewest: true);

        var afterLate = ConversationTags.Evolve(newest, new MessageTags("delivery", true, 0.9, false, 0.1, "id"), isNewest: false);

        Assert.That(afterLate, Is.EqualTo(newest with { Complaint = true }));
    }

    [Property]
    public Property Any_handling_order_gives_the_tags_of_the_written_order() =>
        Prop.ForAll(Arb.From(Messages), Arb.From(Gen.Choose(0, int.MaxValue)), (messages, seed) =>
        {
            var written = messages.Select((m, i) => (At: i, Tags: m)).ToList();
            var random = new Random(seed);
            var shuffled = written.OrderBy(_ => random.Next()).ToList();
            return Handle(shuffled) == Handle(written);
        });

    private static Gen<MessageTags[]> Messages =>
        Gen.NonEmptyListOf(
            from stage in Gen.Elements(Stages)
            from complaint in Gen.Elements(true, false)
            from sales in Gen.Elements(true, false)
            from language in Gen.Elements("en", "id", "mixed")
            select new MessageTags(stage, complaint, complaint ? 0.9 : 0.1, sales, sales ? 0.9 : 0.1, language))
        .Select(l => l.ToArray());

    private static ConversationTags? Handle(IEnumerable<(int At, MessageTags Tags)> inHandlingOrder)
    {
        ConversationTags? tags = null;
        var newestSeen = -1;
        foreach (var (at, message) in inHandlingOrder)
        {
            tags = ConversationTags.Evolve(tags, message, isNewest: at >= newestSeen);
            newestSeen = Math.Max(newestSeen, at);
        }

        return tags;
    }
}
