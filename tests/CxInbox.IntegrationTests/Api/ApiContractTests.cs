using System.Net;
using System.Net.Http.Json;
using System.Text;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Api;

/// <summary>The API's promises that do not depend on the engines: credentials, validation, problem+json.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ApiContractTests
{
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(Engines.Embedded, "api");

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestCase("/api/agents")]
    [TestCase("/api/conversations")]
    public async Task Without_a_credential_the_api_answers_401_with_a_problem(string path)
    {
        using var response = await host.Anonymous.GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Bearer");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task A_wrong_key_is_refused_with_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/agents");
        request.Headers.Authorization = new("Bearer", "not-the-admin-key");

        using var response = await host.Anonymous.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Creating_an_agent_answers_201_with_its_id_and_lists_it()
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents", new { name = "Siti Rahma", skills = new[] { "sales", "id" }, capacity = 4 });
        var created = await response.Content.ReadFromJsonAsync<AgentJson>();
        var listed = await host.Admin.GetFromJsonAsync<AgentJson[]>("/api/agents");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/agents/{created!.Id}"));
        Assert.That(created, Is.EqualTo(created with { Name = "Siti Rahma", Capacity = 4, Status = "offline", OpenConversations = 0 }));
        Assert.That(created.Skills, Is.EquivalentTo(new[] { "sales", "id" }));
        Assert.That(listed!.Select(a => a.Id), Does.Contain(created.Id));
    }

    [Test]
    public async Task Malformed_json_gets_400_with_the_parsers_reason()
    {
        using var response = await host.Admin.PostAsync("/api/agents", new StringContent("{\"name\": \"Ayu\", ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "JSON");
    }

    [Test]
    public async Task A_value_out_of_range_gets_400_whose_detail_names_the_field_and_the_rule()
    {
        // Found by the hostile-input suite: validation problems carried their reasons only in "errors", no detail.
        using var response = await host.Admin.GetAsync("/api/conversations?pageSize=100000");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "pageSize: ");
    }

    [Test]
    public async Task A_body_that_is_not_json_gets_415_saying_what_to_send()
    {
        using var response = await host.Admin.PostAsync("/api/agents", new StringContent("name=Ayu", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Test]
    public async Task An_unknown_path_gets_404_with_a_problem()
    {
        using var response = await host.Admin.GetAsync("/api/nothing-here");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "/api/nothing-here");
    }

    [Test]
    public async Task A_number_given_as_text_gets_400_naming_the_field()
    {
        using var response = await host.Admin.PostAsync("/api/agents", new StringContent("{\"name\": \"Ayu\", \"capacity\": \"many\"}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "capacity");
    }

    [Test]
    public async Task An_agent_without_a_name_or_with_a_negative_capacity_gets_400_naming_both_fields()
    {
        using var response = await host.Admin.PostAsJsonAsync("/api/agents", new { name = " ", capacity = -1 });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"name\"").And.Contain("\"capacity\""));
    }

    [Test]
    public async Task An_unknown_presence_gets_400_and_an_unknown_agent_404()
    {
        var agent = await host.CreateAgentAsync("offline", capacity: 1);

        using var invalid = await host.Admin.PutAsJsonAsync($"/api/agents/{agent.Id}/presence", new { status = "busy" });
        using var unknown = await host.Admin.PutAsJsonAsync($"/api/agents/{Guid.NewGuid()}/presence", new { status = "online" });

        await AssertProblemAsync(invalid, HttpStatusCode.BadRequest, "");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "No agent has id");
    }

    [TestCase("status=closed", "status")]
    [TestCase("pageSize=500", "pageSize")]
    [TestCase("page=0", "page")]
    public async Task An_invalid_conversation_filter_gets_400_naming_it(string query, string field)
    {
        using var response = await host.Admin.GetAsync($"/api/conversations?{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"\"{field}\""));
    }

    [Test]
    public async Task An_unknown_conversation_gets_404()
    {
        using var response = await host.Admin.GetAsync($"/api/conversations/{Guid.NewGuid()}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No conversation has id");
    }

    [Test]
    public async Task The_conversations_of_an_unknown_agent_get_404()
    {
        using var response = await host.Admin.GetAsync($"/api/agents/{Guid.NewGuid()}/conversations");

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No agent has id");
    }

    [Test]
    public async Task Live_answers_without_credentials()
    {
        using var response = await host.Anonymous.GetAsync("/health/live");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemJson>();
        Assert.That(problem!.Detail ?? problem.Title, Does.Contain(detailFragment));
    }
}
