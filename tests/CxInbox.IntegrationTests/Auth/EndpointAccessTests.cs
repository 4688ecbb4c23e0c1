using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CxInbox.Api.Auth;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Auth;

/// <summary>
/// Every endpoint the running Host maps, against the role matrix below: an endpoint that is not in the matrix, or
/// names no policy of <see cref="Policies"/> and is not explicitly anonymous, fails; and each caller gets past
/// authorization exactly where the matrix says (anonymous 401, others 403 elsewhere).
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed partial class EndpointAccessTests
{
    private const Who Anyone = Who.Anonymous | Who.Agent | Who.Supervisor | Who.Admin | Who.Integrator;
    private const Who Staff = Who.Agent | Who.Supervisor | Who.Admin;
    private const Who Supervisors = Who.Supervisor | Who.Admin;
    private const Who Admins = Who.Admin;
    private const Who Integrators = Who.Integrator | Who.Admin;
    private const Who IntegratorsOrStaff = Who.Integrator | Staff;

    /// <summary>The enforced role matrix: "METHOD route pattern" -> who gets past authorization.</summary>
    private static readonly Dictionary<string, Who> Matrix = new(StringComparer.Ordinal)
    {
        ["* /health/live"] = Anyone,
        ["* /health/ready"] = Anyone,
        ["GET /webhooks/{**route}"] = Anyone,
        ["POST /webhooks/{**route}"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /api/docs/{documentName?}"] = Anyone,
        ["GET /api/docs/scalar.js"] = Anyone,
        ["GET /api/docs/scalar.aspnetcore.js"] = Anyone,
        ["GET /api/docs/favicon.svg"] = Anyone,

        ["POST /api/session/"] = Anyone,
        ["DELETE /api/session/"] = Anyone,
        ["GET /api/session/"] = Staff,

        ["POST /api/users/"] = Admins,
        ["GET /api/users/"] = Admins,
        ["GET /api/users/{id:guid}"] = Admins,
        ["POST /api/api-keys/"] = Admins,
        ["GET /api/api-keys/"] = Admins,
        ["DELETE /api/api-keys/{id:guid}"] = Admins,
        ["GET /api/admin/dead-letters/"] = Admins,
        ["POST /api/admin/dead-letters/{queue}/replay"] = Admins,

        ["GET /api/agents/"] = Staff,
        ["POST /api/agents/"] = Supervisors,
        ["GET /api/agents/{id:guid}"] = Staff,
        ["PUT /api/agents/{id:guid}/presence"] = Staff,
        ["GET /api/agents/{id:guid}/conversations"] = Staff,

        ["GET /api/conversations/"] = Staff,
        ["GET /api/conversations/{id:guid}/"] = Staff,
        ["POST /api/conversations/{id:guid}/resolve"] = Staff,
        ["POST /api/conversations/{id:guid}/snooze"] = Staff,
        ["POST /api/conversations/{id:guid}/pending"] = Staff,
        ["POST /api/conversations/{id:guid}/replies"] = Staff,
        ["PUT /api/conversations/{id:guid}/tags"] = Staff,
        ["GET /api/customers/{id:guid}"] = Staff,
        ["GET /api/customers/{id:guid}/history"] = Staff,

        ["POST /api/classify"] = IntegratorsOrStaff,
        ["GET /api/tag-corrections"] = Integrators,

        ["POST /api/customers/{id:guid}/merge"] = Supervisors,
        ["POST /api/customers/{id:guid}/split"] = Supervisors,
        ["POST /api/conversations/{id:guid}/move"] = Supervisors,
        ["GET /api/conversations/{id:guid}/assignments"] = Supervisors,
        ["PUT /api/agents/{id:guid}/capacity"] = Supervisors,
        ["POST /api/agents/{id:guid}/pause"] = Supervisors,
        ["POST /api/agents/{id:guid}/resume"] = Supervisors,
        ["POST /api/teams/{team}/rebalance"] = Supervisors,
        ["PUT /api/teams/{team}/lead"] = Supervisors,
        ["GET /api/audit"] = Supervisors,
        ["GET /api/supervision/dashboard"] = Supervisors,

        ["GET /"] = Anyone,
        ["* /hubs/inbox/negotiate"] = Staff,
        ["* /hubs/inbox"] = Staff,
        ["POST /api/conversations/{id:guid}/claim"] = Who.Agent, // supervisors move instead: 403 from the endpoint
        ["POST /api/conversations/{id:guid}/transfer"] = Staff,
        ["POST /api/conversations/{id:guid}/canned-response"] = Staff,
        ["GET /api/canned-responses/"] = Staff,
        ["POST /api/canned-responses/"] = Supervisors,
        ["PUT /api/canned-responses/{id:guid}"] = Supervisors,
        ["DELETE /api/canned-responses/{id:guid}"] = Supervisors,
    };

    private static readonly HashSet<string> PolicyNames =
        [Policies.Staff, Policies.Supervisor, Policies.Admin, Policies.Integrator, Policies.IntegratorOrStaff];

    private HostUnderTest host = null!;
    private HttpClient client = null!;
    private Dictionary<Who, Action<HttpRequestMessage>> callers = null!;
    private Guid agentId;

    [Flags]
    public enum Who
    {
        Anonymous = 1,
        Agent = 2,
        Supervisor = 4,
        Admin = 8,
        Integrator = 16,
    }

    [OneTimeSetUp]
    public async Task StartHostAndSignEveryoneIn()
    {
        host = await HostUnderTest.StartAsync(Engines.RealServices, "access");
        client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var (agent, agentUser, agentClient) = await host.SignedInAgentAsync(teams: ["service"]);
        agentClient.Dispose();
        agentId = agent.Id;
        var supervisor = await host.CreateUserAsync("supervisor", teams: ["service"]);
        var admin = await host.CreateUserAsync("admin");
        using var key = await host.Admin.PostAsJsonAsync("/api/api-keys", new { name = "matrix", role = "integrator" });
        var integratorKey = (await key.Content.ReadFromJsonAsync<CreatedApiKeyJson>())!.Key;

        var cookies = new Dictionary<Who, string>
        {
            [Who.Agent] = await SessionCookieAsync(agentUser.Username),
            [Who.Supervisor] = await SessionCookieAsync(supervisor.Username),
            [Who.Admin] = await SessionCookieAsync(admin.Username),
        };
        callers = new Dictionary<Who, Action<HttpRequestMessage>>
        {
            [Who.Anonymous] = _ => { },
            [Who.Agent] = r => r.Headers.Add("Cookie", cookies[Who.Agent]),
            [Who.Supervisor] = r => r.Headers.Add("Cookie", cookies[Who.Supervisor]),
            [Who.Admin] = r => r.Headers.Add("Cookie", cookies[Who.Admin]),
            [Who.Integrator] = r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", integratorKey),
        };
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        client.Dispose();
        await host.DisposeAsync();
    }

    [Test]
    public void Every_endpoint_names_a_policy_or_is_explicitly_anonymous_and_is_in_the_matrix()
    {
        var endpoints = MappedEndpoints();

        var unguarded = endpoints.Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && PolicyNames.Contains(p)))
            .Select(e => e.Key);
        var missing = endpoints.Select(e => e.Key).Where(k => !Matrix.ContainsKey(k));
        var stale = Matrix.Keys.Except(endpoints.Select(e => e.Key));

        Assert.That(unguarded, Is.Empty, "endpoints without a named policy or AllowAnonymous");
        Assert.That(missing, Is.Empty, "endpoints missing from the matrix; mapped: " + string.Join(", ", endpoints.Select(e => e.Key)));
        Assert.That(stale, Is.Empty, "matrix rows for endpoints that are not mapped");
    }

    [Test]
    public async Task Each_caller_gets_past_authorization_exactly_where_the_matrix_says()
    {
        var wrong = new List<string>();
        foreach (var (key, _) in MappedEndpoints())
        {
            if (!Matrix.TryGetValue(key, out var allowed))
            {
                continue; // reported by the test above
            }

            foreach (var (who, authenticate) in callers)
            {
                using var request = Request(key);
                authenticate(request);
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = allowed.HasFlag(who) ? "anything but 401/403" : who == Who.Anonymous ? "401" : "403";
                var ok = allowed.HasFlag(who)
                    ? status is not (401 or 403)
                    : status == (who == Who.Anonymous ? 401 : 403) && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (!ok)
                {
                    wrong.Add($"{key} as {who}: {status}, expected {expected}");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    private List<(string Key, RouteEndpoint Endpoint)> MappedEndpoints() =>
        [.. host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => ($"{m} {e.RoutePattern.RawText}", e)))
            .DistinctBy(e => e.Item1)];

    private HttpRequestMessage Request(string key)
    {
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        var method = key[..space] == "*" ? "GET" : key[..space];
        var pattern = key[(space + 1)..];
        var path = RouteParameter().Replace(pattern, m => m.Groups["name"].Value switch
        {
            // An agent's own id, so an agent may act on it; everything else a fresh id that names nothing.
            "id" when pattern.StartsWith("/api/agents/", StringComparison.Ordinal) => agentId.ToString(),
            "id" => Guid.NewGuid().ToString(),
            "queue" => "cxinbox-no-such-queue_error",
            "team" => "service",
            "route" => "no-such-channel",
            "documentName" => "v1",
            var name => throw new InvalidOperationException($"Say what to put for {{{name}}} in {pattern}."),
        });
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task<string> SessionCookieAsync(string username)
    {
        using var response = await client.PostAsJsonAsync("/api/session", new { username, password = HostUnderTest.UserPassword });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cxinbox.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z]+)(:[^}?]*)?\??\}")]
    private static partial Regex RouteParameter();
}
