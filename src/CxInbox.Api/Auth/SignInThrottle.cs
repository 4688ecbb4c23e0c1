using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Auth;

/// <summary>
/// Failed sign-ins per client address and username, in a fixed window (CxInbox:Auth:SignInPermitLimit and
/// SignInWindow), on the framework's own rate limiter. Keyed on the username as well as the address, so one
/// office behind one NAT address does not lock everyone out; only failures count, so signing in often is fine.
/// The window is per process: with several API processes an attacker gets the limit once per process.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SignInThrottle(IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.SignInPermitLimit;
        var window = options.Value.SignInWindow;
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>False, with when to try again, once the failures of this window are used up.</summary>
    public bool MayTry(string client, string username, out TimeSpan? retryAfter)
    {
        // Asking for no permits tests whether any are left without using one.
        using var lease = limiter.AttemptAcquire(Key(client, username), 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        return lease.IsAcquired;
    }

    public void RecordFailure(string client, string username)
    {
        using var lease = limiter.AttemptAcquire(Key(client, username));
    }

    public void Dispose() => limiter.Dispose();

    private static string Key(string client, string username) => client + "\n" + username;
}
