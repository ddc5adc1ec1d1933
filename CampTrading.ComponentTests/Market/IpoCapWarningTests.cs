using System.Text.RegularExpressions;
using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Market;

namespace CampTrading.ComponentTests.Market;

public sealed class IpoCapWarningTests : CampComponentTest
{
    private static InstrumentView Camp(IpoView ipo, string symbol = "CAMP", long reference = 20) =>
        new(1, symbol, symbol + " Inc.", 0, reference, reference * 8 / 10, reference * 12 / 10, [], [], true) { Ipo = ipo };

    [Fact]
    public void A_standing_pool_inside_the_band_is_warned_about_with_its_size_price_and_what_to_do()
    {
        var cut = Render<IpoCapWarning>(p => p.Add(x => x.Instruments, [Camp(new IpoView(IpoPhase.Standing, 20, 1_000_000))]));

        var warning = cut.Find("[data-testid=ipo-cap-warning]");
        Assert.Equal("CAMP", warning.GetAttribute("data-symbol"));
        var text = Regex.Replace(warning.TextContent, @"\s+", " ");
        Assert.Contains("The standing IPO pool of CAMP caps its price", text);
        Assert.Contains("The treasury offers 1,000,000 shares at 20 (band top 24)", text);
        Assert.Contains("no trade can print above 20", text);
        Assert.Contains("Withdraw the IPO", text);
        Assert.Contains("壓住股價", text);
    }

    [Fact]
    public void A_pool_at_the_top_of_the_band_is_still_a_ceiling()
    {
        var cut = Render<IpoCapWarning>(p => p.Add(x => x.Instruments, [Camp(new IpoView(IpoPhase.Standing, 24, 500))]));
        Assert.Single(cut.FindAll("[data-testid=ipo-cap-warning]"));
    }

    [Fact]
    public void No_warning_for_a_pool_in_the_auction_above_the_band_or_gone()
    {
        var cut = Render<IpoCapWarning>(p => p.Add(x => x.Instruments,
        [
            Camp(new IpoView(IpoPhase.InAuction, 20, 1_000_000), "AUC"),
            Camp(new IpoView(IpoPhase.WaitingForAuction, 20, 1_000_000), "WAIT"),
            Camp(new IpoView(IpoPhase.Standing, 25, 1_000), "HIGH"), // above the band: it caps nothing a trade could reach
            Camp(default, "SOLD"),
        ]));
        Assert.Empty(cut.FindAll("[data-testid=ipo-cap-warning]"));
    }

    [Fact]
    public void Only_the_capped_stock_is_named_when_several_are_listed()
    {
        var cut = Render<IpoCapWarning>(p => p.Add(x => x.Instruments,
            [Camp(new IpoView(IpoPhase.InAuction, 20, 100), "NEW"), Camp(new IpoView(IpoPhase.Standing, 21, 300), "OLD")]));
        var warning = Assert.Single(cut.FindAll("[data-testid=ipo-cap-warning]"));
        Assert.Equal("OLD", warning.GetAttribute("data-symbol"));
    }
}
