using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Twilio.Reconciliation;

/// <summary>Runs <see cref="TwilioReconciler"/> every <see cref="TwilioOptions.ReconcileInterval"/> while the ingress
/// role runs. A failed pass is logged and tried again at the next interval.</summary>
public sealed class TwilioReconciliationService(TwilioReconciler reconciler, IOptionsMonitor<TwilioOptions> options,
    TimeProvider clock, ILogger<TwilioReconciliationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconciler.ReconcileOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Twilio reconciliation failed; trying again in {Interval}", options.CurrentValue.ReconcileInterval);
            }

            await Task.Delay(options.CurrentValue.ReconcileInterval, clock, stoppingToken);
        }
    }
}
