using Bunit.TestDoubles;
using CampTrading.ComponentTests.Support;
using CampTrading.Web.Staff.Checklist;
using CampTrading.Web.Staff.PublicAddress;

namespace CampTrading.ComponentTests.Staff;

/// <summary>The dashboard's first-day checklist ticks each step from the camp's real state, and says what is missing.</summary>
public sealed class SetupChecklistTests : CampComponentTest
{
    private static readonly PublicAddressCheck Lan = PublicAddressRules.Check("http://192.168.1.20:8080");

    /// <summary>An empty camp: nothing imported, no address, nothing printed, the market never opened.</summary>
    private static SetupFacts Empty => new(0, 0, PublicAddressRules.Check(null), null, false, null, false, false, "CAMP", 20);

    /// <summary>Every step done: 6 funded students, a LAN address, badges printed for it, IPO seen, market open.</summary>
    private static SetupFacts Ready => new(6, 0, Lan, Lan.Address, false, null, true, true, "CAMP", 20);

    private static Dictionary<SetupStepKey, bool> Ticks(SetupFacts facts) => SetupChecklist.Steps(facts).ToDictionary(s => s.Key, s => s.Done);

    [Fact]
    public void An_empty_camp_has_every_step_open_in_the_first_day_order()
    {
        var steps = SetupChecklist.Steps(Empty);

        Assert.Equal([SetupStepKey.Roster, SetupStepKey.StartingPoints, SetupStepKey.PublicAddress, SetupStepKey.Printed, SetupStepKey.IpoReviewed,
            SetupStepKey.MarketOpened], steps.Select(s => s.Key));
        Assert.All(steps, s => Assert.False(s.Done));
        Assert.Equal(["/staff/roster", "/staff/points", "/staff/badges", "/staff/badges", "/staff/market", "/staff/market"], steps.Select(s => s.Href));
    }

    [Fact]
    public void A_ready_camp_has_every_step_ticked()
    {
        Assert.All(SetupChecklist.Steps(Ready), s => Assert.True(s.Done, s.Key.ToString()));
    }

    [Fact]
    public void Starting_points_tick_only_when_no_student_is_left_at_zero_and_suggest_an_amount()
    {
        var step = SetupChecklist.Steps(Ready with { StudentsAtZero = 2 }).Single(s => s.Key == SetupStepKey.StartingPoints);

        Assert.False(step.Done);
        Assert.Contains("2 students still have 0 points", step.Detail, StringComparison.Ordinal);
        Assert.Contains("Suggested: 2,000 points to everyone (CAMP IPO price 20 × a round lot of 100 shares)", step.Detail, StringComparison.Ordinal);
        Assert.Equal(2_000, SetupChecklist.SuggestedStartingPoints(20));
        Assert.False(Ticks(Empty with { StudentsAtZero = 0 })[SetupStepKey.StartingPoints]); // no students: nothing granted yet
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    public void An_unset_or_loopback_address_leaves_the_address_and_printing_open(string? address)
    {
        var check = PublicAddressRules.Check(address);
        var ticks = Ticks(Ready with { Address = check, BadgesPrintedWith = check.Address });

        Assert.False(ticks[SetupStepKey.PublicAddress]);
        Assert.False(ticks[SetupStepKey.Printed]);
    }

    [Fact]
    public void Badges_printed_for_another_address_must_be_printed_again()
    {
        var step = SetupChecklist.Steps(Ready with { BadgesPrintedWith = "http://10.0.0.5:8080" }).Single(s => s.Key == SetupStepKey.Printed);

        Assert.False(step.Done);
        Assert.Contains("Badges were printed for http://10.0.0.5:8080: print again", step.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Qr_coupons_count_only_when_a_batch_exists()
    {
        Assert.True(Ticks(Ready with { QrCouponsExist = false })[SetupStepKey.Printed]);
        Assert.False(Ticks(Ready with { QrCouponsExist = true })[SetupStepKey.Printed]);
        Assert.True(Ticks(Ready with { QrCouponsExist = true, QrPrintedWith = Lan.Address })[SetupStepKey.Printed]);
    }

    [Fact]
    public void The_ipo_and_the_market_tick_from_their_facts()
    {
        Assert.False(Ticks(Ready with { IpoReviewed = false })[SetupStepKey.IpoReviewed]);
        Assert.False(Ticks(Ready with { MarketOpened = false })[SetupStepKey.MarketOpened]);
    }

    [Fact]
    public void The_panel_shows_each_step_with_its_state_link_and_progress()
    {
        ComponentFactories.AddStub<PublicAddressField>();
        var cut = Render<SetupChecklistPanel>(ps => ps.Add(c => c.Facts, Ready with { MarketOpened = false }));

        Assert.Equal("5 / 6", cut.Find("[data-testid=setup-progress]").TextContent.Trim());
        var steps = cut.FindAll("[data-testid=setup-step]");
        Assert.Equal(6, steps.Count);
        Assert.Equal("true", steps[0].GetAttribute("data-done"));
        Assert.Equal("marketopened", steps[5].GetAttribute("data-step"));
        Assert.Equal("false", steps[5].GetAttribute("data-done"));
        Assert.Equal("/staff/market", steps[5].QuerySelector("[data-testid=setup-link]")!.GetAttribute("href"));
        Assert.Empty(cut.FindComponents<Stub<PublicAddressField>>()); // the address is set: no field
    }

    [Fact]
    public void The_panel_offers_the_address_field_while_the_address_is_not_usable()
    {
        ComponentFactories.AddStub<PublicAddressField>();
        var cut = Render<SetupChecklistPanel>(ps => ps.Add(c => c.Facts, Empty));

        Assert.Equal("0 / 6", cut.Find("[data-testid=setup-progress]").TextContent.Trim());
        Assert.Single(cut.FindComponents<Stub<PublicAddressField>>());
        Assert.Contains("phones cannot open the QR codes", cut.Find("[data-step=publicaddress] [data-testid=setup-detail]").TextContent, StringComparison.Ordinal);
    }
}
