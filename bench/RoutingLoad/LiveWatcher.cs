using Microsoft.AspNetCore.SignalR.Client;

namespace RoutingLoad;

/// <summary>For --watch: one supervisor's connection to the Host's hub, which hears every conversation's events, the
/// way a supervisor's console does. It counts what it hears, so the run shows the bridge was working.</summary>
internal sealed class LiveWatcher : IAsyncDisposable
{
    private readonly HubConnection connection;
    private long heard;

    private LiveWatcher(HubConnection connection) => this.connection = connection;

    public long Heard => Interlocked.Read(ref heard);

    public static async Task<LiveWatcher> ConnectAsync(Uri host, string adminKey, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host, "/hubs/inbox"), o => o.Headers["Authorization"] = $"Bearer {adminKey}")
            .Build();
        var watcher = new LiveWatcher(connection);
        foreach (var liveEvent in new[] { "conversationChanged", "messageReceived" })
        {
            connection.On<object>(liveEvent, _ => Interlocked.Increment(ref watcher.heard));
        }

        await connection.StartAsync(ct);
        // As live.js does: the hub answers Joined once the connection is in its groups and the bridge is running.
        await connection.InvokeAsync("Joined", ct);
        return watcher;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
