using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Security;

/// <summary>
/// CxInbox:ForwardedHeaders: behind a proxy it trusts, the rate limits count the client's address from
/// X-Forwarded-For and the session cookie is Secure when X-Forwarded-Proto says https; the same headers from an
/// address it does not trust are ignored. Real processes on Kestrel, so that requests come from 127.0.0.1.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ForwardedHeadersTests
{
    private const int Limit = 2;
    private const string Password = "correct horse battery staple";

    private RealServices services = null!;
    private HostProcess behindTrustedProxy = null!;
    private HostProcess behindUnknownProxy = null!;

    [OneTimeSetUp]
    public async Task StartTwoHosts()
    {
        services = await RealServices.CreateAsync("forwarded");
        behindTrustedProxy = await HostProcess.StartAsync(services, "api,ingress", settings: Settings(knownProxies: "127.0.0.1"));
        // A proxy is configured, but requests come from 127.0.0.1, which is not it.
        behindUnknownProxy = await HostProcess.StartAsync(services, "api,ingress", settings: Settings(knownProxies: "192.0.2.10"));
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        foreach (var host in new[] { behindTrustedProxy, behindUnknownProxy })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Test]
    public async Task Behind_a_trusted_proxy_the_webhook_limit_counts_each_forwarded_client_on_its_own()
    {
        using var client = behindTrustedProxy.CreateClient();
        var first = await WebhookAnswersAsync(client, Limit + 1, _ => "203.0.113.7");
        var other = await WebhookAnswersAsync(client, 1, _ => "203.0.113.8");

        Assert.That(first.Take(Limit), Has.None.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(first[Limit], Is.EqualTo(HttpStatusCode.TooManyRequests), "the forwarded client is over its limit");
        Assert.That(other.Single(), Is.Not.EqualTo(HttpStatusCode.TooManyRequests), "another client behind the same proxy is not");
    }

    [Test]
    public async Task From_an_unknown_address_a_forged_X_Forwarded_For_does_not_escape_the_limit()
    {
        using var client = behindUnknownProxy.CreateClient();
        var answers = await WebhookAnswersAsync(client, Limit + 1, i => $"198.51.100.{i + 1}");

        Assert.That(answers.Take(Limit), Has.None.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(answers[Limit], Is.EqualTo(HttpStatusCode.TooManyRequests), "every request counted as 127.0.0.1's, whatever it claims");
    }

    [Test]
    public async Task The_session_cookie_is_Secure_when_a_trusted_proxy_forwards_https_and_not_when_anyone_else_claims_it()
    {
        var trustedHttps = await SessionCookieAsync(behindTrustedProxy, "https");
        var trustedHttp = await SessionCookieAsync(behindTrustedProxy, null);
        var forgedHttps = await SessionCookieAsync(behindUnknownProxy, "https");

        Assert.That(trustedHttps, Does.Contain("secure").IgnoreCase, "https at the proxy: the cookie is Secure");
        Assert.That(trustedHttp, Does.Not.Contain("secure").IgnoreCase, "plain http: the cookie cannot be Secure");
        Assert.That(forgedHttps, Does.Not.Contain("secure").IgnoreCase, "X-Forwarded-Proto from an unknown address is ignored");
    }

    private static Dictionary<string, string?> Settings(string knownProxies) => new()
    {
        ["CxInbox:ForwardedHeaders:KnownProxies:0"] = knownProxies,
        ["CxInbox:RateLimits:Webhooks:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CxInbox:RateLimits:Webhooks:Window"] = "00:10:00",
    };

    // Unsigned webhooks: refused (and never stored), but counted by the limit like any other.
    private static async Task<List<HttpStatusCode>> WebhookAnswersAsync(HttpClient client, int count, Func<int, string> forwardedFor)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = TwilioWebhooks.Unsigned(TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "halo"));
            request.Headers.Add("X-Forwarded-For", forwardedFor(i));
            using var response = await client.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        return answers;
    }

    private static async Task<string> SessionCookieAsync(HostProcess host, string? forwardedProto)
    {
        using var admin = host.CreateClient(admin: true);
        var username = $"fwd-{Guid.NewGuid():N}"[..20];
        using (var created = await admin.PostAsJsonAsync("/api/users", new { username, displayName = "Proxy test", password = Password, role = "admin" }))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { username, password = Password }) };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        return string.Join("\n", response.Headers.GetValues("Set-Cookie"));
    }
}
