using CampTrading.Web.Feeds;

namespace CampTrading.Tests.Feeds;

public class FeedQuantityTests
{
    [Theory]
    [InlineData("0.005", 1000, true, 5)]
    [InlineData("1", 1000, true, 1000)]
    [InlineData("2.5", 1000, true, 2500)]
    [InlineData(" 0.100 ", 1000, true, 100)] // trailing zeros are not extra decimals
    [InlineData("0.0005", 1000, false, 0)]   // more decimals than the lot allows
    [InlineData("-1", 1000, false, 0)]
    [InlineData("1e3", 1000, false, 0)]
    [InlineData("", 1000, false, 0)]
    [InlineData("abc", 1000, false, 0)]
    [InlineData("3", 1, true, 3)]
    [InlineData("0.5", 1, false, 0)]
    public void Decimal_quantities_convert_exactly_to_minor_units_or_not_at_all(string text, long unitsPerWhole, bool ok, long units)
    {
        Assert.Equal(ok, FeedQuantity.TryParse(text, unitsPerWhole, out var parsed));
        Assert.Equal(units, parsed);
    }

    [Theory]
    [InlineData("0.001", 1000L)]
    [InlineData("1", 1L)]
    [InlineData("0.00000001", 100_000_000L)]
    [InlineData("0.003", null)]
    [InlineData("0.000000001", null)]
    [InlineData("2", null)]
    public void A_lot_gives_units_per_whole_only_for_a_power_of_ten(string lot, long? expected) =>
        Assert.Equal(expected, FeedQuantity.UnitsPerWholeOf(lot));

    [Fact]
    public void Formats_with_the_lots_decimals() =>
        Assert.Equal(("0.005", "12.340", "7"), (FeedQuantity.Format(5, 1000), FeedQuantity.Format(12_340, 1000), FeedQuantity.Format(7, 1)));

    [Theory]
    [InlineData(89_999.6, 1, 90_000L)]
    [InlineData(89_999.5, 1, 90_000L)] // half away from zero
    [InlineData(3_000.25, 0.5, 1_500L)]
    [InlineData(0.4, 1, null)]         // rounds to 0: not a price
    [InlineData(2_000_000_000, 1, null)] // above the engine's highest price
    public void Feed_prices_scale_to_whole_points(double price, double scale, long? points) =>
        Assert.Equal(points, FeedPriceScale.ToPoints((decimal)price, (decimal)scale));
}
