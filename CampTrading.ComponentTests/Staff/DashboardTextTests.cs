using CampTrading.Core.Market;
using CampTrading.Web.Staff;

namespace CampTrading.ComponentTests.Staff;

public sealed class DashboardTextTests
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    [Theory]
    [InlineData(0, 0, 5, "00:00:05")]
    [InlineData(0, 2, 3, "00:02:03")]
    [InlineData(26, 0, 0, "1d 02:00:00")]
    [InlineData(0, 0, -30, "00:00:00")]
    public void The_countdown_shows_days_only_when_there_is_one(int hours, int minutes, int seconds, string expected) =>
        Assert.Equal(expected, DashboardText.Countdown(new TimeSpan(hours, minutes, seconds)));

    [Fact]
    public void Sessions_and_overrides_are_bilingual()
    {
        Assert.Equal("開盤中 Open", DashboardText.Session(SessionState.Open));
        Assert.Equal("暫停交易 Halted", DashboardText.Session(SessionState.Halted));
        Assert.Equal("收盤 Closed", DashboardText.Session(SessionState.Closed));
        Assert.Equal("強制收盤 Forced closed", DashboardText.Override(MarketOverride.ForceClose));
        Assert.Equal("無（依時間表）None (schedule)", DashboardText.Override(MarketOverride.None));
    }

    [Fact]
    public void Health_figures_are_formatted_invariantly()
    {
        Assert.Equal("12.3 ms", DashboardText.Milliseconds(12.345));
        Assert.Equal(0, DashboardText.Lag(100, 120)); // a watermark ahead never shows a negative lag
        Assert.Equal(7, DashboardText.Lag(107, 100));
        Assert.Equal("Sequencer", DashboardText.ShortCategory("CampTrading.Web.Exchange.Sequencer"));
    }

    [Fact]
    public void The_snapshot_tile_shows_seq_local_time_and_age()
    {
        var at = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero); // 09:00 in Taipei
        Assert.Equal("#12,345 · 09:00:00 (15 min)", DashboardText.Snapshot(12_345, at, at.AddMinutes(15.5), Taipei));
        Assert.Equal("尚無 None yet", DashboardText.Snapshot(0, null, at, Taipei));
    }
}
