using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Auth;

/// <summary>An admin disables, enables and changes users; anyone signed in changes their own password. Each change
/// ends the user's existing sessions at their next request, and each is in the audit log.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class UserManagementTests
{
    private const string NewPassword = "a longer and newer passphrase";

    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(Engines.RealServices, "users");

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_disabled_users_open_session_stops_at_once_they_cannot_sign_in_and_enabling_lets_them_back()
    {
        var user = await host.CreateUserAsync("supervisor", teams: ["service"]);
        using var session = await host.SignInAsync(user.Username);
        using var before = await session.GetAsync("/api/session");

        using var disable = await host.Admin.PatchAsJsonAsync($"/api/users/{user.Username}", new { disabled = true, reason = "left the company" });
        using var after = await session.GetAsync("/api/session");
        using var signIn = await SignInAsync(user.Username, HostUnderTest.UserPassword);
        using var enable = await host.Admin.PatchAsJsonAsync($"/api/users/{user.Username}", new { disabled = false, reason = "came back" });
        using var again = await SignInAsync(user.Username, HostUnderTest.UserPassword);
        var audit = await AuditAsync(user.Username);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.OK), await disable.Content.ReadAsStringAsync());
        Assert.That((await disable.Content.ReadFromJsonAsync<UserJson>())!.DisabledAt, Is.Not.Null);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(signIn.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(enable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await enable.Content.ReadFromJsonAsync<UserJson>())!.DisabledAt, Is.Null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(audit.Select(a => (a.Action, a.Actor, a.Reason)), Is.EqualTo(new[]
        {
            ("user.enabled", "bootstrap-admin", "came back"),
            ("user.disabled", "bootstrap-admin", "left the company"),
        }));
    }

    [Test]
    public async Task A_new_role_or_new_teams_end_the_users_session_and_the_next_one_has_them()
    {
        var user = await host.CreateUserAsync("supervisor", teams: ["service"]);
        using var session = await host.SignInAsync(user.Username);

        using var teams = await host.Admin.PatchAsJsonAsync($"/api/users/{user.Username}", new { teams = new[] { "Sales", "returns" } });
        using var afterTeams = await session.GetAsync("/api/session");
        using var renewed = await host.SignInAsync(user.Username);
        var supervising = await renewed.GetFromJsonAsync<SessionJson>("/api/session");
        using var promoted = await host.Admin.PatchAsJsonAsync($"/api/users/{user.Username}", new { role = "admin" });
        using var afterPromotion = await renewed.GetAsync("/api/session");
        var audit = await AuditAsync(user.Username);

        Assert.That(teams.StatusCode, Is.EqualTo(HttpStatusCode.OK), await teams.Content.ReadAsStringAsync());
        Assert.That(afterTeams.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(supervising!.Teams, Is.EqualTo(new[] { "returns", "sales" }));
        Assert.That(promoted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await promoted.Content.ReadAsStringAsync());
        var admin = (await promoted.Content.ReadFromJsonAsync<UserJson>())!;
        Assert.That((admin.Role, admin.Teams), Is.EqualTo(("admin", Array.Empty<string>())));
        Assert.That(afterPromotion.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(audit.Select(a => a.Action), Is.EqualTo(new[] { "user.changed", "user.changed" }));
        Assert.That(audit[0].Details.GetProperty("previousRole").GetString(), Is.EqualTo("supervisor"));
        Assert.That(audit[0].Details.GetProperty("role").GetString(), Is.EqualTo("admin"));
    }

    [Test]
    public async Task A_user_changes_their_own_password_keeps_this_session_and_ends_their_others()
    {
        var user = await host.CreateUserAsync("supervisor", teams: ["service"]);
        using var here = await host.SignInAsync(user.Username);
        using var elsewhere = await host.SignInAsync(user.Username);

        using var wrongCurrent = await here.PutAsJsonAsync("/api/session/password", new { currentPassword = "not it at all", newPassword = NewPassword });
        using var tooShort = await here.PutAsJsonAsync("/api/session/password", new { currentPassword = HostUnderTest.UserPassword, newPassword = "short" });
        using var changed = await here.PutAsJsonAsync("/api/session/password", new { currentPassword = HostUnderTest.UserPassword, newPassword = NewPassword });
        using var stillHere = await here.GetAsync("/api/session");
        using var goneElsewhere = await elsewhere.GetAsync("/api/session");
        using var oldPassword = await SignInAsync(user.Username, HostUnderTest.UserPassword);
        using var newPassword = await SignInAsync(user.Username, NewPassword);
        var audit = await AuditAsync(user.Username);

        Assert.That(wrongCurrent.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await wrongCurrent.Content.ReadAsStringAsync(), Does.Contain("currentPassword"));
        Assert.That(tooShort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooShort.Content.ReadAsStringAsync(), Does.Contain("newPassword"));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await changed.Content.ReadAsStringAsync());
        Assert.That(stillHere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(goneElsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(oldPassword.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(newPassword.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(audit.Select(a => (a.Action, a.Actor)), Is.EqualTo(new[] { ("user.password-changed", user.Username) }));
    }

    [Test]
    public async Task Changes_that_do_not_fit_the_user_are_problems_with_the_reason_and_change_nothing()
    {
        var (_, agentUser, agentClient) = await host.SignedInAgentAsync(teams: ["service"]);
        agentClient.Dispose();
        var supervisor = await host.CreateUserAsync("supervisor", teams: ["service"]);
        var admin = await host.CreateUserAsync("admin");
        using var adminSession = await host.SignInAsync(admin.Username);

        var answers = new (string What, HttpResponseMessage Response, HttpStatusCode Status, string Says)[]
        {
            ("nothing", await host.Admin.PatchAsJsonAsync($"/api/users/{supervisor.Username}", new { reason = "?" }), HttpStatusCode.BadRequest, "at least one"),
            ("agent to supervisor", await host.Admin.PatchAsJsonAsync($"/api/users/{agentUser.Username}", new { role = "supervisor", teams = new[] { "service" } }), HttpStatusCode.BadRequest, "stays one"),
            ("admin to agent", await host.Admin.PatchAsJsonAsync($"/api/users/{admin.Username}", new { role = "agent" }), HttpStatusCode.BadRequest, "agentId"),
            ("supervisor without teams", await host.Admin.PatchAsJsonAsync($"/api/users/{supervisor.Username}", new { teams = Array.Empty<string>() }), HttpStatusCode.BadRequest, "at least one team"),
            ("unknown role", await host.Admin.PatchAsJsonAsync($"/api/users/{supervisor.Username}", new { role = "owner" }), HttpStatusCode.BadRequest, "one of agent"),
            ("unknown user", await host.Admin.PatchAsJsonAsync("/api/users/nobody-here", new { disabled = true }), HttpStatusCode.NotFound, "nobody-here"),
            ("disable yourself", await adminSession.PatchAsJsonAsync($"/api/users/{admin.Username}", new { disabled = true }), HttpStatusCode.Conflict, "another admin"),
            ("key changes password", await host.Admin.PutAsJsonAsync("/api/session/password", new { currentPassword = "x", newPassword = NewPassword }), HttpStatusCode.BadRequest, "API key"),
        };
        var users = await host.Admin.GetFromJsonAsync<UserJson[]>("/api/users");

        foreach (var (what, response, status, says) in answers)
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), what);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), what);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(says), what);
            response.Dispose();
        }

        Assert.That(users!.Single(u => u.Id == supervisor.Id).Teams, Is.EqualTo(new[] { "service" }));
        Assert.That(users!.Single(u => u.Id == agentUser.Id).Role, Is.EqualTo("agent"));
        Assert.That(users!.Single(u => u.Id == admin.Id).DisabledAt, Is.Null);
        Assert.That(await AuditAsync(supervisor.Username), Is.Empty);
    }

    private async Task<HttpResponseMessage> SignInAsync(string username, string password)
    {
        using var client = host.Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/session", new { username, password });
    }

    private async Task<AuditEntryJson[]> AuditAsync(string username)
    {
        var page = await host.Admin.GetFromJsonAsync<AuditPageJson>("/api/audit?pageSize=200");
        return [.. page!.Items.Where(e => e.Target.Type == "user" && e.Target.Id == username)];
    }

    private sealed record AuditTargetJson(string Type, string Id);

    private sealed record AuditEntryJson(string Actor, string Action, AuditTargetJson Target, string Reason, System.Text.Json.JsonElement Details);

    private sealed record AuditPageJson(AuditEntryJson[] Items);
}
