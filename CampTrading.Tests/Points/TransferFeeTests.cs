using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Points;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>The one fee formula: max(min fee, ceil(amount × basis points / 10,000)).</summary>
public class TransferFeeTests
{
    private static readonly TradingRules Defaults = new();

    [Fact]
    public void Defaults_are_one_percent_with_a_minimum_of_one_point()
    {
        Assert.Equal(100, Defaults.TransferFeeBasisPoints);
        Assert.Equal(1, Defaults.MinTransferFee);
        Assert.True(Defaults.IsValid);
    }

    [Theory]
    [InlineData(1, 1)]          // 0.01 → 1 (and the minimum)
    [InlineData(99, 1)]         // 0.99 → 1
    [InlineData(100, 1)]        // exactly 1
    [InlineData(101, 2)]        // 1.01 → 2
    [InlineData(150, 2)]        // 1.5 → 2: rounded up, never half-down
    [InlineData(199, 2)]
    [InlineData(200, 2)]
    [InlineData(201, 3)]
    [InlineData(10_000, 100)]
    [InlineData(10_001, 101)]
    [InlineData(Transfer.MaxAmount, Transfer.MaxAmount / 100)]
    public void Default_fee_is_one_percent_rounded_up_with_a_minimum_of_one(long amount, long fee)
    {
        Assert.Equal(fee, TransferFees.For(amount, Defaults));
        Assert.Equal(amount + fee, TransferFees.TotalCost(amount, Defaults));
    }

    [Theory]
    [InlineData(0, 0, 1, 0)]
    [InlineData(0, 0, 1_000_000, 0)]
    [InlineData(0, 7, 1_000, 7)]
    [InlineData(10_000, 0, 37, 37)]                  // 100%
    [InlineData(10_000, 0, Transfer.MaxAmount, Transfer.MaxAmount)]
    [InlineData(1, 0, 9_999, 1)]                     // 0.9999 → 1
    [InlineData(1, 0, 10_000, 1)]
    [InlineData(1, 0, 10_001, 2)]
    [InlineData(250, 5, 100, 5)]                     // 2.5 → 3 < 5
    [InlineData(250, 5, 1_000, 25)]
    [InlineData(9_999, 0, Transfer.MaxAmount, Transfer.MaxAmount / 10_000 * 9_999)]
    public void Fee_for_other_rules(int basisPoints, long minFee, long amount, long fee)
    {
        var rules = new TradingRules { TransferFeeBasisPoints = basisPoints, MinTransferFee = minFee };
        Assert.Equal(fee, TransferFees.For(amount, rules));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    [InlineData(Transfer.MaxAmount + 1)]
    public void The_fee_of_an_amount_that_cannot_be_transferred_is_undefined(long amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransferFees.For(amount, Defaults));
    }

    [Fact]
    public void Rounding_up_means_splitting_a_transfer_never_saves_fee()
    {
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var rules = new TradingRules { TransferFeeBasisPoints = random.Next(0, 10_001), MinTransferFee = random.Next(0, 3) };
            var whole = random.NextInt64(2, 1_000_000);
            var first = random.NextInt64(1, whole);
            Assert.True(TransferFees.For(first, rules) + TransferFees.For(whole - first, rules) >= TransferFees.For(whole, rules),
                $"{whole} split {first}+{whole - first} at {rules.TransferFeeBasisPoints} bp");
        }
    }

    [Fact]
    public void The_fee_is_the_exact_ceiling_for_random_amounts_and_rates()
    {
        var random = new Random(11);
        for (var i = 0; i < 5_000; i++)
        {
            var bps = random.Next(0, 10_001);
            var amount = random.NextInt64(1, Transfer.MaxAmount + 1);
            var rules = new TradingRules { TransferFeeBasisPoints = bps, MinTransferFee = 0 };
            var exact = ((Int128)amount * bps + 9_999) / 10_000;
            Assert.Equal((long)exact, TransferFees.For(amount, rules));
        }
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(10_001, 1)]
    [InlineData(int.MinValue, 1)]
    [InlineData(100, -1)]
    [InlineData(100, TradingRules.MaxMinTransferFee + 1)]
    [InlineData(100, long.MaxValue)]
    public void Invalid_fee_rules_are_refused(int basisPoints, long minFee)
    {
        var rules = new TradingRules { TransferFeeBasisPoints = basisPoints, MinTransferFee = minFee };
        Assert.False(rules.IsValid);
        var x = new TestExchange();
        x.Reject(new SetTradingRules(rules, "admin"), RejectCode.InvalidRules);
        Assert.Equal(new TradingRules(), x.Engine.Rules);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10_000, TradingRules.MaxMinTransferFee)]
    public void Edge_fee_rules_are_accepted(int basisPoints, long minFee)
    {
        var x = new TestExchange();
        x.SetRules(new TradingRules { TransferFeeBasisPoints = basisPoints, MinTransferFee = minFee });
        Assert.Equal(basisPoints, x.Engine.Rules.TransferFeeBasisPoints);
        Assert.Equal(minFee, x.Engine.Rules.MinTransferFee);
    }
}
