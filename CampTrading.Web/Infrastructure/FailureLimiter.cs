using System.Threading.RateLimiting;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Counts failed attempts per key in a fixed window (System.Threading.RateLimiting): once a key has used up
/// its failures, further attempts are refused until the window turns over. Successful attempts cost nothing.
/// Concurrent attempts on one key may overshoot the limit by at most the number of attempts in flight.
/// </summary>
public sealed class FailureLimiter<TKey> : IDisposable where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> _limiter;

    public FailureLimiter(int failuresPerWindow, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limiter = PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = failuresPerWindow,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>True while the key has no failures left in the current window.</summary>
    public bool IsLockedOut(TKey key) => (_limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 1) <= 0;

    public void RecordFailure(TKey key)
    {
        using var lease = _limiter.AttemptAcquire(key);
    }

    public void Dispose() => _limiter.Dispose();
}
