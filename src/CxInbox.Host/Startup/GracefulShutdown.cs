using System.Globalization;
using MassTransit;

namespace CxInbox.Host.Startup;

/// <summary>
/// What SIGTERM (or Ctrl+C) does: the web server stops taking requests and lets the ones in flight finish, then the
/// bus stops taking messages and lets its consumers finish the ones they hold; a consumer still busy after its share
/// of the time is cancelled, and its message, never acknowledged, goes back to the broker for another process. All of
/// it within <c>CxInbox:ShutdownTimeout</c>, after which the process exits anyway.
/// </summary>
public static class GracefulShutdown
{
    public const string SettingName = "CxInbox:ShutdownTimeout";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddCxInboxGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = ReadTimeout(configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        // The web server stops first (it was started last) and its drain is short: a webhook or API call takes well
        // under a second. Consumers get half of the time, the bus's own stop three quarters of it.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.ConsumerStopTimeout = timeout / 2;
            o.StopTimeout = timeout * 3 / 4;
        });
        return services;
    }

    private static TimeSpan ReadTimeout(IConfiguration configuration)
    {
        var text = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultTimeout;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout) && timeout >= TimeSpan.FromSeconds(1) && timeout <= TimeSpan.FromMinutes(10)
            ? timeout
            : throw new InvalidOperationException($"{SettingName} must be a time span from 00:00:01 to 00:10:00 (e.g. 00:00:30), not '{text}'.");
    }
}
