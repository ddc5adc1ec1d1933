using CampTrading.ComponentTests.Support;
using CampTrading.Core.Market;
using CampTrading.Web.Market;

namespace CampTrading.ComponentTests.StaffOps;

public sealed class RulesFormViewTests : CampComponentTest
{
    private static RulesForm Form() => RulesForm.From(new TradingRules());

    [Fact]
    public async Task A_band_out_of_range_is_refused_under_the_field_and_nothing_is_saved()
    {
        TradingRules? saved = null;
        var cut = Render<RulesFormView>(p => p.Add(x => x.Form, Form()).Add(x => x.OnSave, (TradingRules r) => saved = r));

        await cut.Find("input[data-testid=rules-band]").InputAsync(new() { Value = "0" });
        await cut.Find("[data-testid=rules-save]").ClickAsync(new());

        Assert.Null(saved);
        Assert.Contains("The price band must be 1–1000%", cut.Find("[data-testid=rules-outcome-errors]").TextContent);
        Assert.Contains("The price band must be 1–1000%", string.Join(' ', cut.FindAll(".mud-input-error").Select(e => e.TextContent)));
    }

    [Fact]
    public async Task A_fee_rate_with_three_decimals_is_refused()
    {
        TradingRules? saved = null;
        var cut = Render<RulesFormView>(p => p.Add(x => x.Form, Form()).Add(x => x.OnSave, (TradingRules r) => saved = r));

        await cut.Find("input[data-testid=rules-fee-rate]").InputAsync(new() { Value = "1.255" });
        await cut.Find("[data-testid=rules-save]").ClickAsync(new());

        Assert.Null(saved);
        Assert.Contains("at most two decimals", cut.Find("[data-testid=rules-outcome-errors]").TextContent);
    }

    [Fact]
    public async Task Valid_rules_are_saved_with_the_fee_rate_in_basis_points()
    {
        TradingRules? saved = null;
        var cut = Render<RulesFormView>(p => p.Add(x => x.Form, Form()).Add(x => x.OnSave, (TradingRules r) => saved = r));

        await cut.Find("input[data-testid=rules-band]").InputAsync(new() { Value = "25" });
        await cut.Find("input[data-testid=rules-fee-rate]").InputAsync(new() { Value = "1.5" });
        await cut.Find("[data-testid=rules-save]").ClickAsync(new());

        Assert.NotNull(saved);
        Assert.Equal(25, saved.BandPercent);
        Assert.Equal(150, saved.TransferFeeBasisPoints);
        Assert.Empty(cut.FindAll("[data-testid=rules-outcome-errors]"));
    }

    [Fact]
    public void The_rules_in_force_are_shown_beside_the_form()
    {
        var cut = Render<RulesFormView>(p => p.Add(x => x.Form, Form()).Add(x => x.Current, new TradingRules { BandPercent = 7, TransferFeeBasisPoints = 125 }));

        var current = cut.Find("[data-testid=rules-current]").TextContent;
        Assert.Contains("±7%", current);
        Assert.Contains("1.25%", current);
    }

    [Fact]
    public async Task The_pre_open_minutes_are_kept_when_other_rules_are_saved_and_refused_out_of_range()
    {
        TradingRules? saved = null;
        var form = RulesForm.From(new TradingRules { PreOpenMinutes = 10 });
        var cut = Render<RulesFormView>(p => p.Add(x => x.Form, form).Add(x => x.OnSave, (TradingRules r) => saved = r));

        await cut.Find("input[data-testid=rules-band]").InputAsync(new() { Value = "25" });
        await cut.Find("[data-testid=rules-save]").ClickAsync(new());
        Assert.Equal(10, saved!.PreOpenMinutes);

        saved = null;
        await cut.Find("input[data-testid=rules-pre-open]").InputAsync(new() { Value = "241" });
        await cut.Find("[data-testid=rules-save]").ClickAsync(new());
        Assert.Null(saved);
        Assert.Contains("The pre-open must be 0–240 minutes", cut.Find("[data-testid=rules-outcome-errors]").TextContent);
    }
}
