using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Trading.Chart;

/// <summary>
/// Shapes candles into what the chart script draws. lightweight-charts reads times as UTC, so every time is shifted by the
/// camp's offset to make the axis read camp time.
/// </summary>
public static class ChartSeries
{
    public readonly record struct Bar(long Time, long Open, long High, long Low, long Close, long Volume);

    public readonly record struct Point(long Time, long Value);

    public static Bar ToBar(Candle c, TimeZoneInfo zone) => new(ChartTime(c.Start, zone), c.Open, c.High, c.Low, c.Close, c.Volume);

    /// <summary>
    /// Today's line: each minute's last price, starting one minute before the first trade at the reference price (the
    /// previous close or the offer), so even one trade draws a move from where the day began.
    /// </summary>
    public static Point[] Line(IReadOnlyList<Candle> minutes, long referencePrice, TimeZoneInfo zone)
    {
        if (minutes.Count == 0) return [];
        var points = new Point[minutes.Count + (referencePrice > 0 ? 1 : 0)];
        var k = 0;
        if (referencePrice > 0) points[k++] = new Point(ChartTime(minutes[0].Start.AddMinutes(-1), zone), referencePrice);
        foreach (var m in minutes) points[k++] = ToPoint(m, zone);
        return points;
    }

    public static Point ToPoint(Candle minute, TimeZoneInfo zone) => new(ChartTime(minute.Start, zone), minute.Close);

    /// <summary>Midnight in the camp's time zone: where "today" starts.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DateTimeOffset(local.Date, local.Offset);
    }

    /// <summary>A moment as the chart's axis reads it: unix seconds shifted to camp time.</summary>
    public static long ChartTime(DateTimeOffset time, TimeZoneInfo zone) =>
        (time.UtcTicks + zone.GetUtcOffset(time).Ticks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
}
