using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi;

/// <summary>The verdict on one request and what the rate-limit headers say: the tighter of the token's and the student's bucket.</summary>
public readonly record struct ApiRateDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds, int RetryAfterSeconds);

/// <summary>
/// Token buckets per token and per student (over all their tokens), both in memory. A request takes one permit from each;
/// refused when either is empty. <c>X-RateLimit-Limit</c> is the bucket's size, <c>Remaining</c> the permits left,
/// <c>Reset</c> the seconds until the bucket is full again.
/// </summary>
public sealed class ApiRateLimiter(IOptions<TradingApiOptions> options, TimeProvider time)
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public ApiRateDecision TryAcquire(long tokenId, int accountId)
    {
        var settings = options.Value;
        var now = time.GetTimestamp();
        if (_buckets.Count > PruneAbove) Prune(now);
        var token = _buckets.GetOrAdd("t:" + tokenId, _ => new Bucket(settings.TokenBurst, settings.TokenRequestsPerSecond, now));
        var student = _buckets.GetOrAdd("s:" + accountId, _ => new Bucket(settings.StudentBurst, settings.StudentRequestsPerSecond, now));
        // Both are asked, in one order, each under its own lock: a refusal by the second gives the first permit back.
        var first = token.TryTake(now, time);
        if (!first.Allowed) return first;
        var second = student.TryTake(now, time);
        if (!second.Allowed)
        {
            token.GiveBack(now, time);
            return second;
        }
        return second.Remaining < first.Remaining ? second : first;
    }

    private void Prune(long now)
    {
        foreach (var (key, bucket) in _buckets)
            if (bucket.IsFull(now, time)) _buckets.TryRemove(key, out _);
    }

    private sealed class Bucket(int capacity, int perSecond, long now)
    {
        private double _permits = capacity;
        private long _updated = now;

        public ApiRateDecision TryTake(long now, TimeProvider time)
        {
            lock (this)
            {
                Refill(now, time);
                if (_permits >= 1)
                {
                    _permits -= 1;
                    return Decision(true);
                }
                return Decision(false);
            }
        }

        public void GiveBack(long now, TimeProvider time)
        {
            lock (this)
            {
                Refill(now, time);
                _permits = Math.Min(capacity, _permits + 1);
            }
        }

        public bool IsFull(long now, TimeProvider time)
        {
            lock (this)
            {
                Refill(now, time);
                return _permits >= capacity;
            }
        }

        private void Refill(long now, TimeProvider time)
        {
            var elapsed = time.GetElapsedTime(_updated, now).TotalSeconds;
            if (elapsed > 0) _permits = Math.Min(capacity, _permits + elapsed * perSecond);
            _updated = Math.Max(_updated, now);
        }

        private ApiRateDecision Decision(bool allowed)
        {
            var remaining = (int)Math.Floor(_permits);
            var reset = (int)Math.Ceiling((capacity - _permits) / perSecond);
            var retry = allowed ? 0 : Math.Max(1, (int)Math.Ceiling((1 - _permits) / perSecond));
            return new ApiRateDecision(allowed, capacity, remaining, reset, retry);
        }
    }
}
