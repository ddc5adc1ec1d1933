namespace CampTrading.Core.ReadModels;

public enum CandleInterval { OneMinute, FiveMinutes, OneHour, OneDay }

/// <summary>OHLCV for one interval starting at <see cref="Start"/> (UTC).</summary>
public readonly record struct Candle(DateTimeOffset Start, long Open, long High, long Low, long Close, long Volume);

/// <summary>Candles of one instrument at one interval, built from trades as they happen.</summary>
internal sealed class CandleSeries(CandleInterval interval, TimeZoneInfo timeZone)
{
    private const int MaxCandles = 5_000;
    private readonly List<Candle> _candles = [];

    public void Add(DateTimeOffset time, long price, long quantity)
    {
        var start = BucketStart(time);
        if (_candles.Count > 0 && _candles[^1].Start == start)
        {
            var c = _candles[^1];
            _candles[^1] = c with { High = Math.Max(c.High, price), Low = Math.Min(c.Low, price), Close = price, Volume = c.Volume + quantity };
            return;
        }
        if (_candles.Count > 0 && start < _candles[^1].Start) return; // late history: ignore rather than reorder
        _candles.Add(new Candle(start, price, price, price, price, quantity));
        if (_candles.Count > MaxCandles) _candles.RemoveRange(0, _candles.Count - MaxCandles);
    }

    /// <summary>Every candle kept, oldest first (starts strictly increase).</summary>
    public Candle[] All() => _candles.ToArray();

    public DateTimeOffset BucketStart(DateTimeOffset time)
    {
        if (interval == CandleInterval.OneDay)
        {
            var local = TimeZoneInfo.ConvertTime(time, timeZone);
            return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        }
        var size = Size(interval).Ticks;
        var offset = timeZone.GetUtcOffset(time).Ticks; // align hours to the camp's clock
        var localTicks = time.UtcTicks + offset;
        return new DateTimeOffset(localTicks - localTicks % size - offset, TimeSpan.Zero);
    }

    public static TimeSpan Size(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => TimeSpan.FromMinutes(1),
        CandleInterval.FiveMinutes => TimeSpan.FromMinutes(5),
        CandleInterval.OneHour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };
}
