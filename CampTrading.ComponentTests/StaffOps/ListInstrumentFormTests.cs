using CampTrading.ComponentTests.Support;
using CampTrading.Web.Market;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class ListInstrumentFormTests : CampComponentTest
{
    [Fact]
    public async Task A_symbol_that_is_not_letters_or_digits_is_refused_without_asking()
    {
        var providers = RenderWithProviders();
        var listed = new List<InstrumentListing>();
        var cut = Render<ListInstrumentForm>(p => p.Add(x => x.Listing, new InstrumentListing()).Add(x => x.OnList, (InstrumentListing l) => listed.Add(l)));

        await cut.Find("input[data-testid=list-symbol]").InputAsync(new() { Value = "CAMP-2" });
        await cut.Find("input[data-testid=list-name]").InputAsync(new() { Value = "營隊二號" });
        await cut.Find("[data-testid=list-submit]").ClickAsync(new());

        Assert.Empty(listed);
        Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]"));
        Assert.Contains("The symbol takes 1–12 letters or digits", cut.Find("[data-testid=list-outcome-errors]").TextContent);
    }

    [Fact]
    public async Task A_valid_listing_is_confirmed_first_then_handed_over()
    {
        var providers = RenderWithProviders();
        var listed = new List<InstrumentListing>();
        var cut = Render<ListInstrumentForm>(p => p.Add(x => x.Listing, new InstrumentListing()).Add(x => x.OnList, (InstrumentListing l) => listed.Add(l)));

        await cut.Find("input[data-testid=list-symbol]").InputAsync(new() { Value = "camp2" });
        await cut.Find("input[data-testid=list-name]").InputAsync(new() { Value = "營隊二號 Camp Two" });
        var click = cut.Find("[data-testid=list-submit]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("List CAMP2?", providers.Find("[role=dialog]").TextContent));
        Assert.Contains("100,000 shares offered at 20 points each", providers.Find("[data-testid=confirm-dialog]").TextContent);
        Assert.Empty(listed);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        var listing = Assert.Single(listed);
        Assert.Equal(("camp2", 20L, 100_000L), (listing.ToCommand().Symbol, listing.Price, listing.Shares));
    }
}
