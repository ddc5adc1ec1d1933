namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// At most <c>limit</c> takes per key in each fixed window (limit 0: unlimited). Keys whose window has passed are forgotten
/// once more than <c>maxKeys</c> are held, so memory stays bounded; if that is not enough it forgets everyone (failing open:
/// this limits noise, it guards no money).
/// </summary>
public sealed class WindowLimiter(int limit, TimeSpan window, TimeProvider time, int maxKeys = 10_000)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, (DateTimeOffset Start, int Count)> _windows = [];

    /// <summary>Takes refused so far.</summary>
    public long Refused { get; private set; }

    public bool TryTake(long key)
    {
        if (limit <= 0) return true;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_windows.TryGetValue(key, out var current) && now - current.Start < window)
            {
                if (current.Count >= limit)
                {
                    Refused++;
                    return false;
                }
                _windows[key] = (current.Start, current.Count + 1);
                return true;
            }
            if (_windows.Count >= maxKeys) Prune(now);
            _windows[key] = (now, 1);
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _windows.ToArray())
            if (now - entry.Start >= window) _windows.Remove(key);
        if (_windows.Count >= maxKeys) _windows.Clear();
    }
}
