using CampTrading.Core.ReadModels;
using CampTrading.Web.Trading.Chart;

namespace CampTrading.ComponentTests.Trading;

public sealed class ChartSeriesTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.CreateCustomTimeZone("camp", TimeSpan.FromHours(8), "camp", "camp");
    private static readonly DateTimeOffset Nine = new(2026, 7, 20, 1, 0, 0, TimeSpan.Zero); // 09:00 in camp time

    private static long CampSeconds(DateTimeOffset utc) => utc.ToUnixTimeSeconds() + 8 * 3600;

    [Fact]
    public void One_trade_draws_a_move_from_the_reference_price()
    {
        var line = ChartSeries.Line([new Candle(Nine, 19, 19, 19, 19, 12)], referencePrice: 20, Taipei);

        Assert.Equal([new ChartSeries.Point(CampSeconds(Nine.AddMinutes(-1)), 20), new ChartSeries.Point(CampSeconds(Nine), 19)], line);
    }

    [Fact]
    public void Each_minute_is_its_last_price_and_no_trades_is_no_line()
    {
        var line = ChartSeries.Line([new Candle(Nine, 20, 22, 19, 21, 5), new Candle(Nine.AddMinutes(3), 21, 21, 18, 18, 2)], referencePrice: 0, Taipei);

        Assert.Equal([21L, 18L], line.Select(p => p.Value));
        Assert.Empty(ChartSeries.Line([], 20, Taipei));
    }

    [Fact]
    public void Today_starts_at_camp_midnight()
    {
        var lateUtc = new DateTimeOffset(2026, 7, 20, 17, 30, 0, TimeSpan.Zero); // 01:30 on the 21st in camp time

        Assert.Equal(new DateTimeOffset(2026, 7, 21, 0, 0, 0, TimeSpan.FromHours(8)), ChartSeries.StartOfDay(lateUtc, Taipei));
    }
}
