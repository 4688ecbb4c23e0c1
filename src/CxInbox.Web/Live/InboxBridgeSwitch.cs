using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Web.Live;

/// <summary>
/// Runs this Host's <see cref="InboxBridge"/> only while a browser is connected to its hub (and for
/// <see cref="LiveOptions.BridgeLinger"/> after the last one left). A Host nobody watches then takes none of the bus's
/// events, and its broker queue is gone; a Host with browsers takes every event, as before.
/// The first connection waits until the bridge's queue is bound: a page re-reads what it shows once the hub answers
/// <see cref="InboxHub.Joined"/>, which it does only after <see cref="InboxHub.OnConnectedAsync"/>, so every event
/// after that re-read reaches it.
/// </summary>
public sealed partial class InboxBridgeSwitch(
    IReceiveEndpointConnector connector, IOptions<LiveOptions> options, IHostApplicationLifetime lifetime, ILogger<InboxBridgeSwitch> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private int connections;
    private HostReceiveEndpointHandle? bridge;

    // Each time the count falls to zero; a later stop whose ticket is no longer current leaves the bridge alone.
    private long idleTicket;

    /// <summary>A hub connection opened; returns once the bridge is consuming. Throws when it cannot start (the
    /// connection then fails, and the browser's reconnect tries again).</summary>
    public async Task ConnectionOpenedAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (bridge is null)
            {
                var started = new InboxBridgeEndpoint().Connect(connector);
                try
                {
                    await started.Ready.WaitAsync(cancellationToken);
                }
                catch
                {
                    await started.StopAsync(CancellationToken.None);
                    throw;
                }

                bridge = started;
                LogStarted(logger);
            }

            connections++;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A hub connection whose <see cref="ConnectionOpenedAsync"/> succeeded has closed.</summary>
    public async Task ConnectionClosedAsync()
    {
        long ticket;
        await gate.WaitAsync();
        try
        {
            if (--connections > 0)
            {
                return;
            }

            ticket = ++idleTicket;
        }
        finally
        {
            gate.Release();
        }

        _ = StopWhenStillIdleAsync(ticket);
    }

    private async Task StopWhenStillIdleAsync(long ticket)
    {
        try
        {
            await Task.Delay(options.Value.BridgeLinger, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return; // the Host is stopping, and the bus stops the bridge with every other endpoint
        }

        await gate.WaitAsync();
        try
        {
            if (connections == 0 && ticket == idleTicket && bridge is { } running)
            {
                // Forgotten first: should the stop fail, the next browser starts a new bridge rather than rely on it.
                bridge = null;
                await running.StopAsync(CancellationToken.None);
                LogStopped(logger);
            }
        }
        catch (Exception e)
        {
            LogStopFailed(logger, e);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Live bridge started: a browser is connected, this Host now takes the bus's events for it")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live bridge stopped: no browser is connected to this Host")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live bridge did not stop cleanly; the bus removes it when the Host stops")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
