using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Auth;

/// <summary>The OpenAPI document describes every /api endpoint, and the reference page works without the internet.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed partial class ApiDocumentationTests
{
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(Engines.RealServices, "openapi");

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task Every_api_endpoint_is_in_the_anonymous_OpenAPI_document()
    {
        using var response = await host.Anonymous.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {Normalise(path.Name)}"))
            .ToHashSet(StringComparer.Ordinal);
        var apiEndpoints = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
                && !e.RoutePattern.RawText.StartsWith("/api/docs", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToList();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(apiEndpoints, Has.Count.GreaterThan(30));
        Assert.That(apiEndpoints.Where(e => !described.Contains(e)), Is.Empty, "described: " + string.Join(", ", described.Order()));
    }

    [Test]
    public async Task The_reference_page_is_anonymous_and_loads_its_script_from_this_server_not_a_CDN()
    {
        using var page = await host.Anonymous.GetAsync("/api/docs/");
        var html = await page.Content.ReadAsStringAsync();
        var sources = Source().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        var scripts = new List<HttpStatusCode>();
        foreach (var script in sources.Where(s => s.EndsWith(".js", StringComparison.Ordinal)))
        {
            using var asset = await host.Anonymous.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
            scripts.Add(asset.StatusCode);
        }

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sources.Where(s => s.EndsWith(".js", StringComparison.Ordinal)), Is.Not.Empty, html);
        Assert.That(Remote().Matches(html).Select(m => m.Value), Is.Empty, "nothing loaded from another host");
        Assert.That(scripts, Is.All.EqualTo(HttpStatusCode.OK));
    }

    // {id:guid} -> {id}, no trailing slash: the document's spelling of a route.
    private static string Normalise(string pattern) => Constraint().Replace(pattern, "{${name}}").TrimEnd('/');

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?<url>[^"']+)["']""")]
    private static partial Regex Source();

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?:https?:)?//[^"']+["']|@import\s+url\(\s*["']?(?:https?:)?//""")]
    private static partial Regex Remote();
}
