using CampTrading.Web.Components;

namespace CampTrading.Tests.StudentApp;

/// <summary>How the student pages write P&amp;L, average costs and the market countdown.</summary>
public class StudentFormatTests
{
    [Theory]
    [InlineData(18, "gain", "+18")]
    [InlineData(-9, "loss", "−9")]
    [InlineData(0, "flat", "0")]
    [InlineData(1_234_567, "gain", "+1,234,567")]
    public void Gains_are_red_class_gain_and_losses_green_class_loss(long pnl, string css, string text)
    {
        Assert.Equal(css, StudentFormat.CssClass(pnl));
        Assert.Equal(text, StudentFormat.WithSign(pnl));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(999, "999")]
    [InlineData(1_000, "1,000")]
    [InlineData(9_999, "9,999")]
    [InlineData(10_000, "10,000")]
    [InlineData(-3, "-3")]
    [InlineData(-1_234, "-1,234")]
    [InlineData(long.MaxValue, "9,223,372,036,854,775,807")]
    [InlineData(long.MinValue, "-9,223,372,036,854,775,808")]
    public void Whole_numbers_have_thousands_separators_the_same_the_second_time(long value, string text)
    {
        Assert.Equal(text, CampTrading.Web.Trading.CampFormat.N(value));
        Assert.Equal(text, CampTrading.Web.Trading.CampFormat.N(value)); // small ones come from the remembered table
    }

    [Fact]
    public void Averages_show_at_most_two_decimals_and_percentages_need_a_cost()
    {
        Assert.Equal("20", StudentFormat.Average(20m));
        Assert.Equal("19.33", StudentFormat.Average(58m / 3));
        Assert.Equal("1,250.5", StudentFormat.Average(1250.5m));
        Assert.Equal("–", StudentFormat.Average(null));
        Assert.Equal("−5.0%", StudentFormat.Percent(-9, 180));
        Assert.Equal("+12.5%", StudentFormat.Percent(25, 200));
        Assert.Equal("", StudentFormat.Percent(40, 0)); // granted shares cost nothing: no percentage
    }

    [Fact]
    public void The_countdown_shows_hours_only_when_needed_and_never_goes_negative()
    {
        Assert.Equal("02:03", StudentFormat.Countdown(new TimeSpan(0, 2, 3)));
        Assert.Equal("1:02:03", StudentFormat.Countdown(new TimeSpan(1, 2, 3)));
        Assert.Equal("26:00:00", StudentFormat.Countdown(TimeSpan.FromHours(26)));
        Assert.Equal("00:00", StudentFormat.Countdown(TimeSpan.FromSeconds(-4)));
    }

    [Fact]
    public void Times_of_day_are_in_the_zone_asked_for_whatever_was_formatted_before()
    {
        var taipei = CampTrading.Web.Trading.CampFormat.Zone("Asia/Taipei");
        var london = CampTrading.Web.Trading.CampFormat.Zone("Europe/London");
        var t = new DateTimeOffset(2026, 7, 20, 1, 2, 3, 400, TimeSpan.Zero);
        Assert.Equal("09:02:03", CampTrading.Web.Trading.CampFormat.TimeOfDay(t, taipei));
        Assert.Equal("09:02:03", CampTrading.Web.Trading.CampFormat.TimeOfDay(t.AddMilliseconds(500), taipei)); // same second
        Assert.Equal("02:02:03", CampTrading.Web.Trading.CampFormat.TimeOfDay(t, london)); // same second, another zone
        Assert.Equal("09:06:19", CampTrading.Web.Trading.CampFormat.TimeOfDay(t.AddSeconds(256), taipei)); // same slot, later second
        Assert.Equal("09:02:03", CampTrading.Web.Trading.CampFormat.TimeOfDay(t, taipei));
    }
}
