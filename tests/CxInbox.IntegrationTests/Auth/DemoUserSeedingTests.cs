using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Auth;

/// <summary>The demo agents come with users only when a demo password is configured: none is built in.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class DemoUserSeedingTests
{
    [Test]
    public async Task With_a_demo_password_each_demo_agent_and_a_supervisor_can_sign_in()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.Embedded, "demo", new Dictionary<string, string?>
        {
            ["CxInbox:SeedDemoAgents"] = "true",
            ["CxInbox:Auth:DemoUserPassword"] = "a demo password for tests",
        });

        using var ayu = await host.SignInAsync("ayu", "a demo password for tests");
        using var sari = await host.SignInAsync("sari", "a demo password for tests");
        var ayuSession = await ayu.GetFromJsonAsync<SessionJson>("/api/session");
        var sariSession = await sari.GetFromJsonAsync<SessionJson>("/api/session");
        var ayuAgent = await host.Admin.GetFromJsonAsync<AgentJson>($"/api/agents/{ayuSession!.AgentId}");

        Assert.That(ayuSession.Role, Is.EqualTo("agent"));
        Assert.That(ayuAgent!.Name, Is.EqualTo("Ayu Lestari"));
        Assert.That(sariSession!.Role, Is.EqualTo("supervisor"));
        Assert.That(sariSession.Teams, Is.EqualTo(new[] { "sales", "service" }));
    }

    [Test]
    public async Task Without_a_demo_password_the_demo_agents_have_no_users()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.Embedded, "demo", new Dictionary<string, string?> { ["CxInbox:SeedDemoAgents"] = "true" });

        var agents = await host.Admin.GetFromJsonAsync<AgentJson[]>("/api/agents");
        var users = await host.Admin.GetFromJsonAsync<UserJson[]>("/api/users");

        Assert.That(agents, Has.Length.EqualTo(3));
        Assert.That(users, Is.Empty);
    }
}
