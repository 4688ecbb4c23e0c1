using Microsoft.Extensions.Hosting;

namespace CxInbox.Data.Storage;

/// <summary>
/// A job that runs every <see cref="Interval"/>, the first time after one interval, so that the bus, which starts
/// after hosted services, is up before anything is published. A round that fails (the store or the broker away) is
/// logged and the next round tries again: every round reads its work afresh from the store, so nothing is lost.
/// </summary>
public abstract class PeriodicSweep(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Read before every round, so a changed setting applies from the next one.</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task SweepAsync(CancellationToken cancellationToken);

    protected abstract void LogSweepFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, Clock, stoppingToken);
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        }
    }
}
