using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>Agents declare the languages and channels they work; the router keeps to them.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class AgentEligibilityTests(Engines engines) : HostPerTest(engines, "eligibility")
{
    [Test]
    public async Task An_indonesian_sms_goes_to_the_agent_who_speaks_indonesian_and_an_english_only_agent_is_passed_over_with_the_reason()
    {
        var emma = await CreateAsync(new { name = "Emma", languages = new[] { "en" }, channels = new[] { "sms", "email" }, capacity = 5, status = "online" });
        var ayu = await CreateAsync(new { name = "Ayu", languages = new[] { "id", "en" }, capacity = 5, status = "online" });
        var customer = TwilioWebhooks.NewCustomerNumber();

        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo kak, pesanan saya belum sampai, tolong dicek ya")));
        var conversation = await host.AssignedConversationAsync(customer);

        Assert.That(emma.Languages, Is.EqualTo(new[] { "en" }));
        Assert.That(emma.Channels, Is.EqualTo(new[] { "sms", "email" }));
        Assert.That(conversation!.Tags!.Language, Is.EqualTo("id"));
        Assert.That(conversation.Assignee!.Id, Is.EqualTo(ayu.Id));
        Assert.That(conversation.Assignee.Reason, Does.Contain("Emma does not speak id"));
    }

    [Test]
    public async Task A_language_or_channel_that_is_not_a_key_is_refused_with_the_field()
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents", new { name = "Budi", languages = new[] { "Bahasa Indonesia" }, channels = new[] { "" } });
        var problem = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem, Does.Contain("languages").And.Contain("channels"));
    }

    private async Task<AgentJson> CreateAsync(object agent)
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents", agent);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }
}
