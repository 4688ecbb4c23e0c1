using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Inbox;

/// <summary>Canned responses: supervisors keep them, agents list them and render one for their conversation with the
/// placeholders filled in from the conversation and the session.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class CannedResponseTests(Engines engines)
{
    private HostUnderTest host = null!;
    private HttpClient supervisor = null!;
    private HttpClient agent = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(engines, "canned");
        supervisor = await host.SignInAsync((await host.CreateUserAsync("supervisor", teams: ["service"])).Username);
        (_, _, agent) = await host.SignedInAgentAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        supervisor?.Dispose();
        agent?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_supervisor_adds_changes_and_removes_one_and_agents_see_the_current_list()
    {
        var title = $"Late parcel {Guid.NewGuid():N}"[..24];

        using var created = await supervisor.PostAsJsonAsync("/api/canned-responses", new { title, body = "Halo {{first_name}}, pesanan {{order_number}} kami cek.", team = "Service" });
        var response = await created.Content.ReadFromJsonAsync<CannedResponseJson>();
        using var changed = await supervisor.PutAsJsonAsync($"/api/canned-responses/{response!.Id}", new { title, body = "Halo {{first_name}}, saya {{agent_name}}." });
        var listed = (await agent.GetFromJsonAsync<List<CannedResponseJson>>("/api/canned-responses"))!;
        using var deleted = await supervisor.DeleteAsync($"/api/canned-responses/{response.Id}");
        using var deletedAgain = await supervisor.DeleteAsync($"/api/canned-responses/{response.Id}");
        var afterDelete = (await agent.GetFromJsonAsync<List<CannedResponseJson>>("/api/canned-responses"))!;

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Team, Is.EqualTo("service"));
        Assert.That(response.Placeholders, Is.EqualTo(new[] { "first_name", "order_number" }));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(listed.Single(r => r.Id == response.Id).Body, Is.EqualTo("Halo {{first_name}}, saya {{agent_name}}."));
        Assert.That(listed.Single(r => r.Id == response.Id).Team, Is.Null);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(deletedAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(afterDelete.Select(r => r.Id), Does.Not.Contain(response.Id));
    }

    [Test]
    public async Task A_title_is_taken_whatever_its_case_and_an_unknown_placeholder_is_refused_by_name()
    {
        var title = $"Refund {Guid.NewGuid():N}"[..20];
        using var first = await supervisor.PostAsJsonAsync("/api/canned-responses", new { title, body = "Refund is on its way." });

        using var again = await supervisor.PostAsJsonAsync("/api/canned-responses", new { title = title.ToUpperInvariant(), body = "Other text." });
        using var unknown = await supervisor.PostAsJsonAsync("/api/canned-responses", new { title = title + "x", body = "Hi {{voucher_code}}" });
        var unknownText = await unknown.Content.ReadAsStringAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(again.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownText, Does.Contain("{{voucher_code}}"));
    }

    [Test]
    public async Task Agents_may_not_change_canned_responses()
    {
        using var create = await agent.PostAsJsonAsync("/api/canned-responses", new { title = "Mine", body = "Hello" });
        using var anonymous = await host.Anonymous.GetAsync("/api/canned-responses");

        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Rendering_for_a_conversation_fills_in_the_agents_name_and_the_order_number_and_names_what_is_missing()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, pesanan saya 987654321 belum sampai"))))
        {
        }

        // The fixture's only agent gets it.
        var conversation = await host.AssignedConversationAsync(customer);
        using var created = await supervisor.PostAsJsonAsync("/api/canned-responses",
            new { title = $"Cek {Guid.NewGuid():N}"[..16], body = "Halo {{first_name}}, saya {{agent_name}}. Pesanan {{order_number}} kami cek." });
        var canned = await created.Content.ReadFromJsonAsync<CannedResponseJson>();

        using var rendered = await agent.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/canned-response", new { cannedResponseId = canned!.Id });
        var body = await rendered.Content.ReadFromJsonAsync<RenderedJson>();
        using var missing = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/canned-response", new { cannedResponseId = Guid.NewGuid() });

        Assert.That(rendered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body!.Text, Is.EqualTo("Halo {{first_name}}, saya Test agent. Pesanan 987654321 kami cek."));
        Assert.That(body.Missing, Is.EqualTo(new[] { "first_name" }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private sealed record CannedResponseJson(Guid Id, string Title, string Body, string? Team, string[] Placeholders);

    private sealed record RenderedJson(Guid CannedResponseId, string Text, string[] Missing);
}
