using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Tagging;

/// <summary>Tags on the real path: a complaint goes to service first and shows no sales prompts, even when the
/// customer also wants to buy; agents correct tags and the corrections come out as labelled data.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class TaggingTests(Engines engines) : HostPerTest(engines, "tags")
{
    [Test]
    public async Task A_complaint_that_also_mentions_buying_goes_to_service_with_priority_and_no_sales_prompts()
    {
        var sales = await CreateAgentAsync("sales");
        var service = await CreateAgentAsync("service");
        var customer = TwilioWebhooks.NewCustomerNumber();

        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer,
            "Kursi yang saya beli patah setelah 2 hari, kecewa banget. Saya mau refund, terus mau beli model yang lebih mahal juga")));
        var conversation = await host.AssignedConversationAsync(customer);

        Assert.That(conversation!.Tags!.Complaint, Is.True);
        Assert.That(conversation.Tags.SalesPromptsAllowed, Is.False);
        Assert.That(conversation.Tags.Team, Is.EqualTo("service"));
        Assert.That(conversation.Assignee!.Id, Is.EqualTo(service.Id), $"not the sales agent {sales.Name}");
        Assert.That(conversation.Tags.Evidence.Where(e => e.Tag == "complaint"), Is.Not.Empty, "a complaint says why");
        Assert.That(conversation.Messages!.Single().Tags, Is.Not.Null);
    }

    [Test]
    public async Task A_complaint_stays_flagged_when_the_customer_later_writes_calmly()
    {
        await CreateAgentAsync("service");
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var angry = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya hilang, sudah 2 minggu tidak sampai. Parah!")));
        await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Tags?.Complaint == true, "the complaint");

        using var calm = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Berapa harga paket premium?")));
        var conversation = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Messages?.Length == 2, "the second message");

        Assert.That(conversation!.Tags!.Complaint, Is.True);
        Assert.That(conversation.Tags.SalesPromptsAllowed, Is.False);
    }

    [Test]
    public async Task An_agents_correction_pins_the_tags_and_is_exported_as_labelled_feedback()
    {
        // In both teams, so that the conversation reaches the agent whatever the classifier guesses.
        await CreateAgentAsync("service", "sales");
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, mau tanya soal kartu member")));
        var conversation = await host.AssignedConversationAsync(customer);
        Assert.That(conversation!.Tags!.JourneyStage, Is.Not.EqualTo("transaction"), "the correction below must change the stage");
        Assert.That(conversation.Tags.SalesOpportunity, Is.False, "the correction below must change the flag");

        using var corrected = await host.Admin.PutAsJsonAsync($"/api/conversations/{conversation.Id}/tags",
            new { journeyStage = "transaction", salesOpportunity = true, note = "wants to buy a member card" });
        var after = await corrected.Content.ReadFromJsonAsync<ConversationJson>();
        var export = await host.Admin.GetStringAsync("/api/tag-corrections");
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after!.Tags!.JourneyStage, Is.EqualTo("transaction"));
        Assert.That(after.Tags.SalesOpportunity, Is.True);
        Assert.That(after.Tags.CorrectedByAgent, Is.True);
        Assert.That(lines.Select(l => (string?)l["corrected_tag"]), Is.EquivalentTo(new[] { "journey_stage", "sales_opportunity" }));
        Assert.That(lines.Select(l => (string?)l["text"]), Is.All.EqualTo("Halo, mau tanya soal kartu member"));
        Assert.That(lines.Select(l => (string?)l["journey_stage"]), Is.All.EqualTo("transaction"));
    }

    [Test]
    public async Task A_correction_with_an_unknown_stage_gets_400_naming_the_stages()
    {
        using var response = await host.Admin.PutAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/tags", new { journeyStage = "shipping" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("insight, promotion, transaction, delivery, support, return"));
    }

    [Test]
    public async Task Classify_answers_the_tags_with_their_evidence()
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/classify", new { text = "I want a refund, the blender arrived broken", channel = "email" });
        var result = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((string?)result!["journeyStage"], Is.EqualTo("return"));
        Assert.That((bool?)result["complaint"], Is.True);
        Assert.That((string?)result["language"], Is.EqualTo("en"));
        Assert.That(result["evidence"]!.AsArray(), Is.Not.Empty);
    }

    private async Task<AgentJson> CreateAgentAsync(params string[] teams)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = $"{teams[0]} {Guid.NewGuid():N}"[..16], teams, capacity = 10, status = "online" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }
}
