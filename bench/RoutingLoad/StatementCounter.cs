using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RoutingLoad;

/// <summary>
/// A TCP relay in front of PostgreSQL that counts what clients send, by message type of the wire protocol: each
/// Execute ('E') or simple Query ('Q') is a statement; each Sync ('S') or simple Query ends a round trip. Npgsql sends
/// BEGIN together with the transaction's first statement, so a transaction costs its statements plus the COMMIT. The
/// counts go to a file, which the harness reads before and after a step. TLS and GSS encryption must be off between the
/// Host and the relay (SslMode=Disable), or the relay cannot read the messages.
/// </summary>
internal sealed class StatementCounter(int listenPort, string targetHost, int targetPort, string countsFile)
{
    private long statements;
    private long roundTrips;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, listenPort);
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await File.WriteAllTextAsync(countsFile, string.Create(CultureInfo.InvariantCulture,
                    $"{Interlocked.Read(ref statements)} {Interlocked.Read(ref roundTrips)}"), cancellationToken);
                await Task.Delay(100, cancellationToken);
            }
        }, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            _ = RelayAsync(client, cancellationToken);
        }
    }

    /// <summary>Statements and round trips counted so far, as the counter last wrote them.</summary>
    public static (long Statements, long RoundTrips) Read(string countsFile)
    {
        var parts = File.ReadAllText(countsFile).Split(' ');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(targetHost, targetPort, cancellationToken);
                var toClient = server.GetStream().CopyToAsync(client.GetStream(), cancellationToken);
                var toServer = CountAndForwardAsync(client.GetStream(), server.GetStream(), cancellationToken);
                await Task.WhenAny(toClient, toServer);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A connection closed: nothing to count.
            }
        }
    }

    private async Task CountAndForwardAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        // The start-up messages have no type byte: SSL and GSS encryption requests (refused), then the StartupMessage.
        while (true)
        {
            var message = await ReadAsync(from, typed: false, cancellationToken);
            await to.WriteAsync(message, cancellationToken);
            var code = BinaryPrimitives.ReadInt32BigEndian(message.AsSpan(4));
            if (code is not (80877103 or 80877104))
            {
                break;
            }
        }

        while (true)
        {
            var message = await ReadAsync(from, typed: true, cancellationToken);
            await to.WriteAsync(message, cancellationToken);
            switch ((char)message[0])
            {
                case 'E':
                    Interlocked.Increment(ref statements);
                    break;
                case 'S':
                    Interlocked.Increment(ref roundTrips);
                    break;
                case 'Q':
                    Interlocked.Increment(ref statements);
                    Interlocked.Increment(ref roundTrips);
                    break;
            }
        }
    }

    private static async Task<byte[]> ReadAsync(Stream from, bool typed, CancellationToken cancellationToken)
    {
        var header = new byte[typed ? 5 : 4];
        await from.ReadExactlyAsync(header, cancellationToken);
        var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(typed ? 1 : 0));
        var message = new byte[header.Length + length - 4];
        header.CopyTo(message, 0);
        await from.ReadExactlyAsync(message.AsMemory(header.Length), cancellationToken);
        return message;
    }
}
