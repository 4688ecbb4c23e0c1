using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CxInbox.Channels.Testing;

/// <summary>What an SMTP peer saw of the sessions a sender opened: for the suite's own scripted server, and for a real
/// server behind <see cref="SmtpRelay"/>.</summary>
public interface ISmtpPeer : IAsyncDisposable
{
    /// <summary>Where a sender connects (plain SMTP, no TLS).</summary>
    DnsEndPoint Address { get; }

    /// <summary>How many connections the sender opened so far.</summary>
    int Sessions { get; }

    /// <summary>What the sender wrote, one transcript per session, in order.</summary>
    IReadOnlyList<string> Transcripts { get; }
}

/// <summary>
/// A minimal SMTP server (RFC 5321, no TLS, no AUTH, no PIPELINING) on 127.0.0.1 that answers each session's
/// <c>RCPT TO</c> as scripted, by session number: accept, or a 4xx / 5xx line. A real server cannot be told to fail
/// transiently on demand; this one can. Anything accepted is taken with 250 and kept only in the transcript.
/// </summary>
public sealed class ScriptedSmtpServer : ISmtpPeer
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, string?> refusalOfSession;
    private readonly ConcurrentDictionary<int, StringBuilder> transcripts = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int sessions;

    /// <param name="refusalOfSession">Given the 1-based session number, the line that answers its RCPT TO (e.g.
    /// <c>451 4.3.0 Try again later</c>), or null to accept.</param>
    public ScriptedSmtpServer(Func<int, string?> refusalOfSession)
    {
        this.refusalOfSession = refusalOfSession;
        listener.Start();
        Address = new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        accepting = AcceptAsync();
    }

    public DnsEndPoint Address { get; }

    public int Sessions => Volatile.Read(ref sessions);

    public IReadOnlyList<string> Transcripts => [.. transcripts.OrderBy(t => t.Key).Select(t => { lock (t.Value) { return t.Value.ToString(); } })];

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var running = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                running.Add(ServeAsync(client, Interlocked.Increment(ref sessions)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(running);
    }

    private async Task ServeAsync(TcpClient client, int session)
    {
        var transcript = transcripts.GetOrAdd(session, _ => new StringBuilder());
        using var connection = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 conformance.invalid ESMTP scripted");
            var inData = false;
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                lock (transcript)
                {
                    transcript.Append(line).Append("\r\n");
                }

                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                    }

                    continue;
                }

                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-conformance.invalid");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO" or "MAIL" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync(refusalOfSession(session) ?? "250 2.1.5 Ok");
                        break;
                    case "DATA":
                        inData = true;
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognised");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The sender hung up (after a refusal it may just close) or the server is stopping.
        }
    }
}

/// <summary>Passes every connection through to a real SMTP server, recording what the sender wrote, so that the suite
/// can count a real server's sessions (a permanent refusal must take exactly one).</summary>
public sealed class SmtpRelay : ISmtpPeer
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint server;
    private readonly ConcurrentDictionary<int, MemoryStream> transcripts = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int sessions;

    public SmtpRelay(DnsEndPoint server)
    {
        this.server = server;
        listener.Start();
        Address = new DnsEndPoint("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port);
        accepting = AcceptAsync();
    }

    public DnsEndPoint Address { get; }

    public int Sessions => Volatile.Read(ref sessions);

    public IReadOnlyList<string> Transcripts =>
        [.. transcripts.OrderBy(t => t.Key).Select(t => { lock (t.Value) { return Encoding.Latin1.GetString(t.Value.ToArray()); } })];

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        var running = new List<Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stopping.Token);
                running.Add(RelayAsync(client, Interlocked.Increment(ref sessions)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(running);
    }

    private async Task RelayAsync(TcpClient client, int session)
    {
        var transcript = transcripts.GetOrAdd(session, _ => new MemoryStream());
        using var fromSender = client;
        using var toServer = new TcpClient();
        try
        {
            await toServer.ConnectAsync(server.Host, server.Port, stopping.Token);
            using var closed = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var up = PumpAsync(fromSender.GetStream(), toServer.GetStream(), transcript, closed.Token);
            var down = PumpAsync(toServer.GetStream(), fromSender.GetStream(), null, closed.Token);
            await Task.WhenAny(up, down);
            await closed.CancelAsync();
            await Task.WhenAll(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side hung up, or the relay is stopping.
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, MemoryStream? record, CancellationToken ct)
    {
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                if (record is not null)
                {
                    lock (record)
                    {
                        record.Write(buffer, 0, read);
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side hung up.
        }
    }
}
