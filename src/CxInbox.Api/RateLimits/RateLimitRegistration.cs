using System.Globalization;
using System.Threading.RateLimiting;
using CxInbox.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.RateLimits;

/// <summary>
/// ASP.NET Core's rate limiter, registered once for the process. Each limit is a named policy; another part of the
/// API adds its own with <c>services.Configure&lt;RateLimiterOptions&gt;(o =&gt; o.AddPolicy(…))</c>, never a second
/// AddRateLimiter. Every refusal is a 429 problem with Retry-After.
/// </summary>
public static class RateLimitRegistration
{
    /// <summary>The policy on <c>/webhooks/*</c>: per provider and client address.</summary>
    public const string WebhookPolicy = "webhooks";

    public static IServiceCollection AddCxInboxRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(WebhookPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue.Webhooks;
                var provider = (context.Request.RouteValues["route"] as string ?? "").Split('/', 2)[0].ToLowerInvariant();
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{provider}|{client}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit,
                    Window = limits.Window,
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This client sent more requests than its limit allows; retry after {seconds} s.");
            };
        });
        return services;
    }
}
