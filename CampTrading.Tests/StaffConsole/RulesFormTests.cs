using CampTrading.Core.Market;
using CampTrading.Web.Market;

namespace CampTrading.Tests.StaffConsole;

public sealed class RulesFormTests
{
    [Fact]
    public void The_current_rules_come_back_unchanged_and_valid()
    {
        var rules = new TradingRules { BandPercent = 15, MaxOrderQuantity = 500, DailyOrderLimit = 40, TransferFeeBasisPoints = 250, MinTransferFee = 3, CancelAllAtClose = true };

        var form = RulesForm.From(rules);
        Assert.Equal(2.5m, form.TransferFeePercent);
        var (back, errors) = form.Check();

        Assert.Empty(errors);
        Assert.Equal(rules, back);
        Assert.True(back!.IsValid);
    }

    [Fact]
    public void Every_field_out_of_range_is_named_and_nothing_is_produced()
    {
        var form = new RulesForm { BandPercent = 0, MaxOrderQuantity = 0, DailyOrderLimit = 0, TransferFeePercent = 100.5m, MinTransferFee = -1 };

        var (rules, errors) = form.Check();

        Assert.Null(rules);
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("price band", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("per-order limit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("daily order limit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("fee rate must be 0–100%", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("minimum fee", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fee_rate_finer_than_a_basis_point_is_refused()
    {
        var form = RulesForm.From(new TradingRules());
        form.TransferFeePercent = 1.005m;

        var (rules, errors) = form.Check();

        Assert.Null(rules);
        Assert.Contains("at most two decimals", Assert.Single(errors), StringComparison.Ordinal);
    }
}
