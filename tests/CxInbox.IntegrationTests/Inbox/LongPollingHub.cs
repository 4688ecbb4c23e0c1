using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CxInbox.IntegrationTests.Inbox;

internal sealed record ConversationChangedJson(Guid ConversationId, Guid? AgentId, string? Team, string Status, int Priority, string Reason);

/// <summary>A SignalR client over long polling, enough to read what the server sends: negotiate, the first poll
/// (answered at once), the JSON handshake, then polls in the background. It is connected once the hub has answered
/// Joined, as the browser's live.js waits for it: the server answers the handshake before the hub's OnConnectedAsync
/// has put the connection in its groups, but handles invocations only after it.</summary>
internal sealed class LongPollingHub : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private const string JoinedProbe = "joined";

    private readonly HttpClient client;
    private readonly string url;
    private readonly Channel<ConversationChangedJson> changes = Channel.CreateUnbounded<ConversationChangedJson>();
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task polling = Task.CompletedTask;

    private LongPollingHub(HttpClient client, string url)
    {
        this.client = client;
        this.url = url;
    }

    public static async Task<LongPollingHub> ConnectAsync(HttpClient client, string path)
    {
        using var negotiate = await client.PostAsync($"{path}/negotiate?negotiateVersion=1", null);
        Assert.That(negotiate.StatusCode, Is.EqualTo(HttpStatusCode.OK), await negotiate.Content.ReadAsStringAsync());
        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        var hub = new LongPollingHub(client, $"{path}?id={Uri.EscapeDataString(token!)}");
        using (var first = await client.GetAsync(hub.url))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var handshake = await client.PostAsync(hub.url, new StringContent("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator, Encoding.UTF8));
        Assert.That(handshake.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        hub.polling = hub.PollAsync();
        using var probe = await client.PostAsync(hub.url, new StringContent(
            "{\"type\":1,\"invocationId\":\"" + JoinedProbe + "\",\"target\":\"Joined\",\"arguments\":[]}" + RecordSeparator, Encoding.UTF8));
        Assert.That(probe.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await hub.joined.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return hub;
    }

    /// <summary>The next conversationChanged for this conversation with this reason; earlier others are skipped.</summary>
    public async Task<ConversationChangedJson> NextAsync(Guid conversationId, string reason)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var change = await changes.Reader.ReadAsync(deadline.Token);
            if (change.ConversationId == conversationId && change.Reason == reason)
            {
                return change;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        using (await client.DeleteAsync(url))
        {
        }

        try
        {
            await polling;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task PollAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync(url, stop.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return; // 204: the server closed the connection
            }

            foreach (var record in (await response.Content.ReadAsStringAsync(stop.Token)).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                using var message = JsonDocument.Parse(record);
                if (message.RootElement.TryGetProperty("invocationId", out var invocation) && invocation.GetString() == JoinedProbe)
                {
                    if (message.RootElement.TryGetProperty("error", out var error))
                    {
                        joined.TrySetException(new AssertionException($"Joined failed: {error}"));
                    }
                    else
                    {
                        joined.TrySetResult();
                    }
                }
                else if (message.RootElement.TryGetProperty("target", out var target) && target.GetString() == "conversationChanged")
                {
                    await changes.Writer.WriteAsync(message.RootElement.GetProperty("arguments")[0].Deserialize<ConversationChangedJson>(JsonSerializerOptions.Web)!, stop.Token);
                }
            }
        }
    }
}
