using CampTrading.ComponentTests.Support;
using CampTrading.Core.Market;
using CampTrading.Web.Market;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class OverrideControlsTests : CampComponentTest
{
    [Fact]
    public async Task Halting_asks_first_and_cancelling_changes_nothing()
    {
        var providers = RenderWithProviders();
        var applied = new List<MarketOverride>();
        var cut = Render<OverrideControls>(p => p.Add(x => x.Session, SessionState.Open).Add(x => x.OnApply, (MarketOverride o) => applied.Add(o)));

        var click = cut.Find("button[data-testid=override-halt]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Every new order", providers.Find("[data-testid=confirm-dialog]").TextContent));
        Assert.Contains("Halt trading?", providers.Find("[role=dialog]").TextContent); // the title sits in the dialog's frame
        Assert.Contains("Every new order is refused", providers.Find("[data-testid=confirm-dialog]").TextContent);
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        Assert.Empty(applied);
    }

    [Fact]
    public async Task Confirming_applies_the_override()
    {
        var providers = RenderWithProviders();
        var applied = new List<MarketOverride>();
        var cut = Render<OverrideControls>(p => p.Add(x => x.Session, SessionState.Halted).Add(x => x.Override, MarketOverride.Halt)
            .Add(x => x.OnApply, (MarketOverride o) => applied.Add(o)));

        var click = cut.Find("button[data-testid=override-open]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Open the market?", providers.Find("[role=dialog]").TextContent));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        Assert.Equal([MarketOverride.ForceOpen], applied);
    }

    [Fact]
    public void The_override_in_force_cannot_be_chosen_again_and_the_state_shows_as_chips()
    {
        var cut = Render<OverrideControls>(p => p.Add(x => x.Session, SessionState.Halted).Add(x => x.Override, MarketOverride.Halt));

        Assert.True(cut.Find("button[data-testid=override-halt]").HasAttribute("disabled"));
        Assert.False(cut.Find("button[data-testid=override-open]").HasAttribute("disabled"));
        Assert.Contains("Halted", cut.Find("[data-testid=control-session]").TextContent);
        Assert.Contains("mud-chip", cut.Find("[data-testid=control-session]").ClassName);
        Assert.Contains("Halt", cut.Find("[data-testid=control-override]").TextContent);
    }

    [Fact]
    public async Task The_pre_open_is_started_by_hand_after_saying_what_it_does_and_not_offered_while_open()
    {
        var providers = RenderWithProviders();
        var applied = new List<MarketOverride>();
        var cut = Render<OverrideControls>(p => p.Add(x => x.Session, SessionState.Closed).Add(x => x.OnApply, (MarketOverride o) => applied.Add(o)));

        var click = cut.Find("button[data-testid=override-pre-open]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Start the pre-open auction?", providers.Find("[role=dialog]").TextContent));
        Assert.Contains("uncrosses at one price", providers.Find("[data-testid=confirm-dialog]").TextContent);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;
        Assert.Equal([MarketOverride.PreOpen], applied);

        cut.Render(p => p.Add(x => x.Session, SessionState.Open));
        Assert.True(cut.Find("button[data-testid=override-pre-open]").HasAttribute("disabled"));
    }
}
