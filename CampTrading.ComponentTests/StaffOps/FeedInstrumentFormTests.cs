using CampTrading.ComponentTests.Support;
using CampTrading.Core.Feeds;
using CampTrading.Web.Feeds;
using CampTrading.Web.Market;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class FeedInstrumentFormTests : CampComponentTest
{
    [Fact]
    public async Task A_lot_that_is_not_a_power_of_ten_is_refused_without_asking()
    {
        var providers = RenderWithProviders();
        var submitted = new List<FeedListing>();
        var cut = Render<FeedInstrumentForm>(p => p.Add(x => x.Listing, new FeedListing()).Add(x => x.OnSubmit, (FeedListing l) => submitted.Add(l)));

        await cut.Find("input[data-testid=feed-symbol]").InputAsync(new() { Value = "BTC" });
        await cut.Find("input[data-testid=feed-name]").InputAsync(new() { Value = "比特幣 Bitcoin" });
        await cut.Find("input[data-testid=feed-lot]").InputAsync(new() { Value = "0.003" });
        await cut.Find("[data-testid=feed-submit]").ClickAsync(new());

        Assert.Empty(submitted);
        Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]"));
        Assert.Contains("The lot must be 1, 0.1, 0.01", cut.Find("[data-testid=feed-outcome-errors]").TextContent);
    }

    [Fact]
    public async Task Limits_that_are_not_whole_lots_are_refused()
    {
        RenderWithProviders();
        var submitted = new List<FeedListing>();
        var cut = Render<FeedInstrumentForm>(p => p.Add(x => x.Listing, new FeedListing()).Add(x => x.OnSubmit, (FeedListing l) => submitted.Add(l)));

        await cut.Find("input[data-testid=feed-symbol]").InputAsync(new() { Value = "BTC" });
        await cut.Find("input[data-testid=feed-name]").InputAsync(new() { Value = "Bitcoin" });
        await cut.Find("input[data-testid=feed-max-order]").InputAsync(new() { Value = "0.0005" });
        await cut.Find("[data-testid=feed-submit]").ClickAsync(new());

        Assert.Empty(submitted);
        Assert.Contains("positive multiples of the lot", cut.Find("[data-testid=feed-outcome-errors]").TextContent);
    }

    [Fact]
    public async Task A_valid_feed_instrument_is_confirmed_first_then_handed_over_as_exact_terms()
    {
        var providers = RenderWithProviders();
        var submitted = new List<FeedListing>();
        var cut = Render<FeedInstrumentForm>(p => p.Add(x => x.Listing, new FeedListing()).Add(x => x.OnSubmit, (FeedListing l) => submitted.Add(l)));

        await cut.Find("input[data-testid=feed-symbol]").InputAsync(new() { Value = "btc" });
        await cut.Find("input[data-testid=feed-name]").InputAsync(new() { Value = "比特幣 Bitcoin" });
        await cut.Find("input[data-testid=feed-max-order]").InputAsync(new() { Value = "0.5" });
        var click = cut.Find("[data-testid=feed-submit]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("List BTC?", providers.Find("[role=dialog]").TextContent));
        Assert.Contains("lot 0.001", providers.Find("[data-testid=confirm-dialog]").TextContent);
        Assert.Empty(submitted);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        var command = Assert.Single(submitted).ToListCommand("staff");
        Assert.Equal(new FeedTerms(1000, 10, 1, 20, 500, 5000, 30), command.Terms);
        Assert.Equal(("btc", "replay", "BTCUSDT", (string?)null), (command.Symbol, command.FeedKind, command.FeedSymbol, command.FeedLocation));
    }

    [Fact]
    public void Configuring_keeps_symbol_name_and_lot_fixed_and_starts_from_the_current_terms()
    {
        RenderWithProviders();
        var terms = new FeedTerms(100, 25, 3, 40, 250, 1000, 12);
        var listing = FeedListing.From(new InstrumentViewFeed("ETH", "Ether", terms, new FeedSourceSettings("binance", "ETHUSDT", "ws://localhost:9000", 1, 0.5m)));
        var cut = Render<FeedInstrumentForm>(p => p.Add(x => x.Listing, listing).Add(x => x.Editing, true));

        Assert.True(cut.Find("input[data-testid=feed-symbol]").HasAttribute("disabled"));
        Assert.True(cut.Find("input[data-testid=feed-lot]").HasAttribute("disabled"));
        Assert.Equal("0.01", cut.Find("input[data-testid=feed-lot]").GetAttribute("value"));
        Assert.Equal(terms, listing.Terms());
        Assert.Equal(new FeedSourceSettings("binance", "ETHUSDT", "ws://localhost:9000", 1, 0.5m), listing.Source());
        Assert.Contains("Update", cut.Find("[data-testid=feed-submit]").TextContent);
    }
}
