using System.Net;
using System.Net.Sockets;

namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP forwarder between a Host and one server (PostgreSQL, RabbitMQ) that a test can cut: every open connection
/// is dropped and new ones are refused until it is restored. From the Host's side this is the server going away;
/// other fixtures, which talk to the server directly, do not notice.
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile bool cut;

    public FaultProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // RST, as when the server's host dies
                client.Dispose();
            }

            open.Clear();
        }
    }

    public void Restore() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (cut)
            {
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Dispose();
                continue;
            }

            _ = ForwardAsync(inbound);
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(targetHost, targetPort, stopping.Token);
            lock (open)
            {
                open.Add(inbound);
                open.Add(outbound);
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), both.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut, or either side closing: both sides go.
        }
        finally
        {
            lock (open)
            {
                open.Remove(inbound);
                open.Remove(outbound);
            }

            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
