using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Security;

/// <summary>Webhooks are rate limited per provider and client address (CxInbox:RateLimits:Webhooks): past the limit
/// a 429 problem with Retry-After; another provider's webhooks and the API are not held back by it.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class WebhookRateLimitTests
{
    private const int Limit = 5;

    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(Engines.Embedded, "ratelimit", new Dictionary<string, string?>
    {
        ["CxInbox:RateLimits:Webhooks:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CxInbox:RateLimits:Webhooks:Window"] = "00:10:00",
        ["Channels:Facebook:AppSecret"] = "rate-limit-facebook-secret",
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
    public async Task Past_the_limit_a_provider_gets_429_with_Retry_After_and_other_providers_and_the_api_are_untouched()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
        {
            using var sms = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), $"Pesan {i}")));
            answers.Add(sms.StatusCode);
        }

        using var limited = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "one more")));
        var problem = await limited.Content.ReadFromJsonAsync<ProblemJson>();
        using var status = await host.Anonymous.PostAsync("/webhooks/twilio/status", new FormUrlEncodedContent([]));
        using var facebook = await host.Anonymous.PostAsync("/webhooks/facebook", new StringContent("{}"));
        using var api = await host.Admin.GetAsync("/api/agents");

        Assert.That(answers.Take(Limit), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(answers[Limit], Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem!.Detail, Does.Contain("retry after"));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "Twilio's status callbacks count with its SMS: one provider");
        Assert.That(facebook.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "Facebook has a budget of its own (unsigned: 403, not 429)");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the API is not a webhook");
    }
}
