using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Api.Proxies;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address over its scheme. With
/// <c>CxInbox:ForwardedHeaders:KnownProxies</c> (addresses) or <c>KnownNetworks</c> (CIDR ranges) set, a request from
/// one of those takes its client address from X-Forwarded-For and its scheme from X-Forwarded-Proto, so the rate
/// limits count the real client and the session cookie is Secure when the client used https. The headers of any other
/// sender are ignored, so a client cannot forge its address. Off (no proxy trusted, not even loopback) by default.
/// </summary>
public static class ForwardedHeadersRegistration
{
    public const string SectionName = "CxInbox:ForwardedHeaders";

    public static IServiceCollection AddCxInboxForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var proxies = Read(section, "KnownProxies", (string text, out IPAddress address) => IPAddress.TryParse(text, out address!));
        var networks = Read(section, "KnownNetworks", (string text, out System.Net.IPNetwork network) => System.Net.IPNetwork.TryParse(text, out network));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback unless told otherwise: only what is configured is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddSingleton(new TrustedProxies(proxies.Count + networks.Count > 0));
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme; nothing
    /// when no proxy is configured.</summary>
    public static IApplicationBuilder UseCxInboxForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<TrustedProxies>().Any ? app.UseForwardedHeaders() : app;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static List<T> Read<T>(IConfigurationSection section, string key, TryParse<T> parse)
    {
        var values = new List<T>();
        foreach (var entry in section.GetSection(key).GetChildren().Select(c => c.Value).Concat(SplitScalar(section[key])))
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                continue;
            }

            if (!parse(entry.Trim(), out var value))
            {
                throw new InvalidOperationException(
                    $"{SectionName}:{key}: '{entry}' is not {(key == "KnownProxies" ? "an IP address" : "a network in CIDR form, e.g. 10.0.0.0/8")}.");
            }

            values.Add(value);
        }

        return values;
    }

    // One setting with several values, as an environment variable gives them: "10.0.0.1, 10.0.0.2".
    private static string[] SplitScalar(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private sealed record TrustedProxies(bool Any);
}
