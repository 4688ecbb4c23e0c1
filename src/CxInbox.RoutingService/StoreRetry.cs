using CxInbox.Data.Storage;
using MassTransit;

namespace CxInbox.RoutingService;

/// <summary>
/// How a consumer that writes to the store retries: what passes with time (<see cref="StoreFaults"/>: the database
/// away, a lost race) for about three minutes, long enough to ride out a database restart. Any other error is a poison
/// message: it goes to the _error queue at once, never silently away.
/// </summary>
public static class StoreRetry
{
    public static void Configure(IRetryConfigurator retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Handle<Exception>(StoreFaults.IsTransient);
        retry.Exponential(14, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
    }
}
