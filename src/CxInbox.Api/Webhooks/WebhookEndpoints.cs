using CxInbox.Api.Problems;
using CxInbox.Api.RateLimits;
using CxInbox.Channels.Inbound;
using CxInbox.Channels.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Webhooks;

/// <summary>
/// <c>/webhooks/{route}</c> for every channel adapter: read the raw body once, let the adapter verify and parse,
/// publish what it accepted, and only then answer the provider. A publish failure answers 503 so that providers
/// which retry will retry; nothing is acknowledged that is not on the broker.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/webhooks").AllowAnonymous().WithTags("Webhooks").RequireRateLimiting(RateLimitRegistration.WebhookPolicy);
        webhooks.MapPost("/{**route}", HandleAsync).ExcludeFromDescription();
        webhooks.MapGet("/{**route}", HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string route,
        HttpContext context,
        WebhookChannelRegistry channels,
        IInboundPublisher publisher,
        IOptionsMonitor<CxInboxOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var channel = channels.Find(route);
        if (channel is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown webhook", $"No channel adapter listens at /webhooks/{route}.");
        }

        // The monitor binds and validates the options once per change; a snapshot did that on every webhook.
        var settings = options.CurrentValue;
        var maxBytes = settings.MaxWebhookBodyBytes;
        var body = await ReadBodyAsync(context.Request, maxBytes, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"Webhook bodies are limited to {maxBytes} bytes.");
        }

        var request = new WebhookRequest(
            context.Request.Method,
            PublicUrl(context, settings.PublicBaseUrl),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);

        switch (await channel.HandleAsync(request, cancellationToken))
        {
            case WebhookOutcome.Rejected rejected:
                return Problem(rejected.StatusCode, "Webhook refused", rejected.Reason);

            case WebhookOutcome.Challenge challenge:
                return Results.Text(challenge.Response.Body, challenge.Response.ContentType);

            case WebhookOutcome.Accepted accepted:
                return await PublishThenAnswerAsync(accepted, route, publisher, settings.WebhookPublishTimeout, loggers, cancellationToken);

            default:
                throw new InvalidOperationException($"Unknown webhook outcome from {channel.GetType().Name}.");
        }
    }

    private static async Task<IResult> PublishThenAnswerAsync(WebhookOutcome.Accepted accepted, string route, IInboundPublisher publisher,
        TimeSpan publishTimeout, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // A broker that is back but has not yet confirmed must not hold the provider's request past its own timeout.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(publishTimeout);
        try
        {
            // WaitAsync as well: the deadline holds even if a publish stops listening to its token.
            await publisher.PublishAsync(accepted.ToBatch(), deadline.Token).WaitAsync(deadline.Token);
        }
        // The deadline and a timeout inside the bus are OperationCanceledExceptions too; only the caller's own hang-up is not ours to answer.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(WebhookEndpoints)).LogError(e,
                "Could not publish {Count} event(s) from /webhooks/{Route}; answering 503", accepted.ToBatch().Count, route);
            return Problem(StatusCodes.Status503ServiceUnavailable, "Not accepted",
                "The message could not be stored durably; retry later.");
        }

        return Results.Text(accepted.Response.Body, accepted.Response.ContentType);
    }

    /// <summary>Null when the body is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Providers sign the public URL they called, not the one Kestrel sees behind a proxy: rebuild it from
    // CxInbox:PublicBaseUrl and the raw, still percent-encoded path and query.
    private static string PublicUrl(HttpContext context, string? publicBaseUrl)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var target = rawTarget is { Length: > 0 } && rawTarget[0] == '/'
            ? rawTarget
            : context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        var baseUrl = string.IsNullOrWhiteSpace(publicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{context.Request.PathBase.ToUriComponent()}"
            : publicBaseUrl.TrimEnd('/');
        return baseUrl + target;
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
