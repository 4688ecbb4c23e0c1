using CxInbox.Routing.Tagging;

namespace CxInbox.Routing.Tests.Tagging;

public sealed class ConversationTagsTests
{
    private static MessageTags Message(string stage, bool complaint = false, bool sales = false) => new(stage, complaint, 0.9, sales, 0.9, "id");

    [Test]
    public void The_first_message_sets_every_tag()
    {
        var tags = ConversationTags.Evolve(null, Message("delivery", complaint: true), isNewest: true);

        Assert.That(tags, Is.EqualTo(new ConversationTags("delivery", true, false, "id", false)));
    }

    [Test]
    public void The_stage_follows_the_latest_message_but_a_complaint_sticks()
    {
        var complaining = ConversationTags.Evolve(null, Message("delivery", complaint: true), isNewest: true);

        var later = ConversationTags.Evolve(complaining, Message("transaction", sales: true), isNewest: true);

        Assert.That(later.Stage, Is.EqualTo("transaction"));
        Assert.That(later.Complaint, Is.True);
        Assert.That(later.SalesOpportunity, Is.True);
        Assert.That(later.SalesPromptsAllowed, Is.False);
    }

    [Test]
    public void An_agents_correction_is_kept_when_new_messages_arrive()
    {
        var corrected = new ConversationTags("promotion", false, true, "en", CorrectedByAgent: true);

        var later = ConversationTags.Evolve(corrected, Message("support"), isNewest: true);

        Assert.That(later, Is.EqualTo(corrected));
    }

    [Test]
    public void A_corrected_conversation_still_becomes_a_complaint_when_the_customer_complains()
    {
        var corrected = new ConversationTags("promotion", false, true, "en", CorrectedByAgent: true);

        var later = ConversationTags.Evolve(corrected, Message("promotion", complaint: true), isNewest: true);

        Assert.That(later.Complaint, Is.True);
    }
}

public sealed class RoutingTableTests
{
    [Test]
    public void A_complaint_goes_to_service_with_high_priority_even_when_the_customer_mentions_buying()
    {
        var target = RoutingTable.Default.Decide(new ConversationTags("transaction", Complaint: true, SalesOpportunity: true, "id", false));

        Assert.That(target.Team, Is.EqualTo("service"));
        Assert.That(target.Priority, Is.GreaterThan(Priorities.Normal));
    }

    [Test]
    public void A_sales_opportunity_without_a_complaint_goes_to_sales()
    {
        var target = RoutingTable.Default.Decide(new ConversationTags("support", false, SalesOpportunity: true, "en", false));

        Assert.That(target.Team, Is.EqualTo("sales"));
    }

    [TestCase("delivery", "service")]
    [TestCase("return", "service")]
    [TestCase("transaction", "sales")]
    [TestCase("promotion", "sales")]
    public void Otherwise_the_stage_decides(string stage, string team)
    {
        Assert.That(RoutingTable.Default.Decide(new ConversationTags(stage, false, false, "en", false)).Team, Is.EqualTo(team));
    }

    [Test]
    public void Configuration_overrides_only_the_rows_it_names()
    {
        var table = new RoutingTableOptions
        {
            Complaint = new RouteOptions { Team = "escalations", Priority = 20 },
            Stages = { ["insight"] = new RouteOptions { Team = "marketing" } },
        }.ToTable();

        Assert.That(table.Decide(new ConversationTags("support", true, false, "en", false)), Is.EqualTo(table.Complaint));
        Assert.That(table.Complaint.Team, Is.EqualTo("escalations"));
        Assert.That(table.Complaint.Priority, Is.EqualTo(20));
        Assert.That(table.Decide(new ConversationTags("insight", false, false, "en", false)).Team, Is.EqualTo("marketing"));
        Assert.That(table.Decide(new ConversationTags("support", false, false, "en", false)).Team, Is.EqualTo("service"));
    }
}
