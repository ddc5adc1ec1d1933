namespace CampTrading.Web.Abuse;

/// <summary>
/// How many things (connections, circuits) each key holds open, each key under a limit the caller gives. A key's entry goes
/// when its count returns to zero, so memory follows what is open, not everyone ever seen.
/// </summary>
public sealed class OpenCounts
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public int Count(string key)
    {
        lock (_open) return _open.GetValueOrDefault(key);
    }

    /// <summary>Counts one more for <paramref name="key"/>, unless it already holds <paramref name="limit"/>.</summary>
    public bool TryOpen(string key, int limit)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(key);
            if (open >= limit) return false;
            _open[key] = open + 1;
            return true;
        }
    }

    /// <summary>Counts one fewer; each call follows a <see cref="TryOpen"/> that returned true.</summary>
    public void Close(string key)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(key);
            if (open <= 1) _open.Remove(key);
            else _open[key] = open - 1;
        }
    }
}
