namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Lets one caller through per interval, whichever thread asks: for a warning that a flood or an outage would otherwise
/// write once per request, circuit or socket.
/// </summary>
public sealed class NowAndThen(TimeSpan interval)
{
    private readonly long _intervalMs = (long)interval.TotalMilliseconds;
    private long _last;

    /// <summary>True for the first call, then for the first call after each interval.</summary>
    public bool IsDue()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _last);
        return (last == 0 || now - last >= _intervalMs) && Interlocked.CompareExchange(ref _last, now, last) == last;
    }
}
