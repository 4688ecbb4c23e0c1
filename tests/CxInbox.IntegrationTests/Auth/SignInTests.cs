using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CxInbox.IntegrationTests.Auth;

/// <summary>People sign in with a password and get a cookie; keys are bearer tokens an admin hands out and revokes.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class SignInTests
{
    private const int PermitLimit = 3;

    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(Engines.RealServices, "signin", new Dictionary<string, string?>
    {
        ["CxInbox:Auth:SignInPermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CxInbox:Auth:SignInWindow"] = "00:10:00",
    });

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_right_password_gives_an_HttpOnly_strict_session_cookie_that_says_who_is_signed_in()
    {
        var user = await host.CreateUserAsync("supervisor", teams: ["service", "Sales"]);
        using var client = host.Factory.CreateClient();

        using var signIn = await client.PostAsJsonAsync("/api/session", new { username = user.Username.ToUpperInvariant(), password = HostUnderTest.UserPassword });
        var session = await client.GetFromJsonAsync<SessionJson>("/api/session");

        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await signIn.Content.ReadAsStringAsync());
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cxinbox.session=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        Assert.That(session, Is.EqualTo(new SessionJson(user.Username, "Test supervisor", "supervisor", null, ["sales", "service"]))
            .Using<SessionJson>((a, b) => a.Username == b.Username && a.DisplayName == b.DisplayName && a.Role == b.Role
                && a.AgentId == b.AgentId && a.Teams.SequenceEqual(b.Teams)));
    }

    [Test]
    public async Task An_agent_user_is_linked_to_their_agent_and_its_teams()
    {
        var (agent, user, client) = await host.SignedInAgentAsync(teams: ["service"]);
        using (client)
        {
            var session = await client.GetFromJsonAsync<SessionJson>("/api/session");

            Assert.That(session!.Role, Is.EqualTo("agent"));
            Assert.That(session.AgentId, Is.EqualTo(agent.Id));
            Assert.That(session.Teams, Is.EqualTo(new[] { "service" }));
            Assert.That(session.Username, Is.EqualTo(user.Username));
        }
    }

    [Test]
    public async Task A_wrong_password_or_unknown_user_is_a_401_problem_and_no_cookie()
    {
        var user = await host.CreateUserAsync("admin");
        using var client = host.Factory.CreateClient();

        using var wrong = await client.PostAsJsonAsync("/api/session", new { username = user.Username, password = "not the password" });
        using var unknown = await client.PostAsJsonAsync("/api/session", new { username = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "whatever it is" });
        using var after = await client.GetAsync("/api/session");

        foreach (var response in new[] { wrong, unknown })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(response.Headers.Contains("Set-Cookie"), Is.False);
        }

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task After_the_permitted_failures_even_the_right_password_waits_with_429_and_Retry_After_while_other_users_are_unaffected()
    {
        var user = await host.CreateUserAsync("admin");
        var other = await host.CreateUserAsync("admin");
        using var client = host.Factory.CreateClient();
        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < PermitLimit; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/session", new { username = user.Username, password = "guess " + i });
            failures.Add(failed.StatusCode);
        }

        using var limited = await client.PostAsJsonAsync("/api/session", new { username = user.Username, password = HostUnderTest.UserPassword });
        using var otherUser = await client.PostAsJsonAsync("/api/session", new { username = other.Username, password = HostUnderTest.UserPassword });

        Assert.That(failures, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(otherUser.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task The_password_is_stored_only_as_a_salted_PBKDF2_hash()
    {
        const string password = "a password nobody should ever see";
        var first = await host.CreateUserAsync("admin", password: password);
        var second = await host.CreateUserAsync("admin", password: password);

        var firstHash = await host.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = @p", first.Id);
        var secondHash = await host.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = @p", second.Id);
        var storedText = await host.ScalarAsync<string>("SELECT username || display_name || password_hash || role FROM users WHERE id = @p", first.Id);

        Assert.That(storedText, Does.Not.Contain(password));
        Assert.That(firstHash, Is.Not.EqualTo(secondHash), "a salt makes equal passwords hash differently");
        Assert.That(Convert.FromBase64String(firstHash)[0], Is.EqualTo(0x01), "PasswordHasher's v3 format: PBKDF2 with its parameters inside");
        Assert.That(new PasswordHasher<object>().VerifyHashedPassword(new object(), firstHash, password), Is.Not.EqualTo(PasswordVerificationResult.Failed));
    }

    [Test]
    public async Task Users_keys_and_sessions_work_on_the_embedded_store_too()
    {
        await using var embedded = await HostUnderTest.StartAsync(Engines.Embedded, "signin");
        var user = await embedded.CreateUserAsync("supervisor", teams: ["service"]);

        using var client = await embedded.SignInAsync(user.Username);
        var session = await client.GetFromJsonAsync<SessionJson>("/api/session");
        using var key = await embedded.Admin.PostAsJsonAsync("/api/api-keys", new { name = "script", role = "admin" });
        using var keyClient = embedded.Factory.CreateClient();
        keyClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await key.Content.ReadFromJsonAsync<CreatedApiKeyJson>())!.Key);
        using var users = await keyClient.GetAsync("/api/users");

        Assert.That(session!.Teams, Is.EqualTo(new[] { "service" }));
        Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_password_hashed_under_older_settings_is_hashed_again_at_sign_in()
    {
        var user = await host.CreateUserAsync("admin");
        var oldHash = new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 })).HashPassword(new object(), HostUnderTest.UserPassword);
        await host.ScalarAsync<object?>($"UPDATE users SET password_hash = '{oldHash}' WHERE id = @p", user.Id);

        using var client = await host.SignInAsync(user.Username);
        var stored = await host.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = @p", user.Id);

        Assert.That(Convert.FromBase64String(oldHash)[0], Is.EqualTo(0x00));
        Assert.That(Convert.FromBase64String(stored)[0], Is.EqualTo(0x01));
    }

    [Test]
    public async Task Signing_out_ends_the_session()
    {
        var user = await host.CreateUserAsync("admin");
        using var client = await host.SignInAsync(user.Username);

        using var before = await client.GetAsync("/api/session");
        using var signOut = await client.DeleteAsync("/api/session");
        using var after = await client.GetAsync("/api/session");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_cookie_client_without_a_session_gets_problem_json_never_a_redirect()
    {
        using var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var agent = await host.SignedInAgentAsync();
        using (agent.Client)
        {
            using var anonymous = await client.GetAsync("/api/conversations");
            using var forbidden = await agent.Client.GetAsync("/api/users");

            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(anonymous.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(forbidden.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    [Test]
    public async Task An_integrator_key_works_until_it_is_revoked_and_is_shown_only_once()
    {
        using var create = await host.Admin.PostAsJsonAsync("/api/api-keys", new { name = "CRM sync", role = "integrator" });
        var key = (await create.Content.ReadFromJsonAsync<CreatedApiKeyJson>())!;
        using var integrator = host.Factory.CreateClient();
        integrator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);

        using var classify = await integrator.PostAsJsonAsync("/api/classify", new { text = "Where is my parcel?" });
        var listed = await host.Admin.GetStringAsync("/api/api-keys");
        var stored = await host.ScalarAsync<string>("SELECT key_hash FROM api_keys WHERE id = @p", key.Id);
        using var revoke = await host.Admin.DeleteAsync($"/api/api-keys/{key.Id}");
        using var afterRevoke = await integrator.PostAsJsonAsync("/api/classify", new { text = "Where is my parcel?" });

        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(classify.StatusCode, Is.EqualTo(HttpStatusCode.OK), await classify.Content.ReadAsStringAsync());
        Assert.That(listed, Does.Contain(key.Id.ToString()).And.Not.Contain(key.Key));
        Assert.That(stored, Is.Not.EqualTo(key.Key).And.Length.EqualTo(64));
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterRevoke.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(afterRevoke.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
