using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxInbox.Channels.Testing;

/// <summary>A real HTTP server on 127.0.0.1 standing in for a provider's API (Twilio, Meta, X, an in-house system): it
/// records every request and answers with whatever the test scripts, call by call (429 with Retry-After, a 503 burst,
/// a permanent 4xx, an answer too late for the client's timeout).</summary>
public sealed class ScriptedProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ProviderRequest> requests = new();
    private readonly Func<ProviderRequest, int, ProviderAnswer> answer;
    private int calls;

    private ScriptedProvider(Func<ProviderRequest, int, ProviderAnswer> answer)
    {
        this.answer = answer;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ProviderRequest> Requests => [.. requests];

    /// <summary>Called once per request, after it is recorded (so <see cref="Requests"/> already holds it).</summary>
    public static Task<ScriptedProvider> StartAsync(Func<ProviderRequest, ProviderAnswer> answer) =>
        StartAsync((request, _) => answer(request));

    /// <param name="answer">Given the request and its 1-based call number, what to answer; called after the request is
    /// recorded.</param>
    public static async Task<ScriptedProvider> StartAsync(Func<ProviderRequest, int, ProviderAnswer> answer)
    {
        var server = new ScriptedProvider(answer);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var request = new ProviderRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(context.RequestAborted));
        requests.Enqueue(request);
        var response = answer(request, Interlocked.Increment(ref calls));
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = (int)response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }
}

/// <summary>A request the scripted provider received.</summary>
public sealed record ProviderRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body's form fields, for providers that take form posts (Twilio).</summary>
    public Dictionary<string, string> Form() =>
        QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString());
}

/// <summary>What the scripted provider answers.</summary>
public sealed record ProviderAnswer(HttpStatusCode Status, string Body = "", string ContentType = "application/json")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait before answering, to provoke the client's timeout. Default: none.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    public ProviderAnswer WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}
