using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// The opening auction's price rule, on examples worked by hand. Each comment is the table the expected answer was
/// read from: at each candidate price, shares bid at or above it (B), offered at or below it (S), executable min(B, S)
/// and imbalance |B − S|.
/// </summary>
public sealed class CallAuctionTests
{
    private static (long, long)[] Levels(params (long Price, long Quantity)[] levels) => levels;

    [Fact]
    public void The_price_that_executes_the_most_shares_wins()
    {
        // bids 21×10, 20×20, 19×30; asks 18×10, 19×15, 20×25, 22×40
        // p=18: B 60 S 10 → 10 · p=19: B 60 S 25 → 25 · p=20: B 30 S 50 → 30 · p=21: B 10 S 50 → 10 · p=22: B 0 → 0
        var outcome = CallAuction.Uncross(
            Levels((21, 10), (20, 20), (19, 30)), Levels((18, 10), (19, 15), (20, 25), (22, 40)), 0, 0, reference: 20);

        Assert.Equal(new AuctionOutcome(20, 30, 30, 50), outcome);
        Assert.Equal(20, outcome.Imbalance);
    }

    [Fact]
    public void Equal_volume_goes_to_the_price_with_the_least_imbalance()
    {
        // bids 21×10, 20×6; asks 19×10, 21×4
        // p=19: B 16 S 10 → 10 (6) · p=20: B 16 S 10 → 10 (6) · p=21: B 10 S 14 → 10 (4): 21, though 20 is the reference.
        var outcome = CallAuction.Uncross(Levels((21, 10), (20, 6)), Levels((19, 10), (21, 4)), 0, 0, reference: 20);
        Assert.Equal(new AuctionOutcome(21, 10, 10, 14), outcome);
        Assert.Equal(4, outcome.Imbalance);
    }

    [Fact]
    public void Equal_volume_and_imbalance_go_to_the_price_nearest_the_reference()
    {
        // bids 22×10; asks 20×5, 21×5: p=20: B 10 S 5 → 5 · p=21: B 10 S 10 → 10 (0) · p=22: B 10 S 10 → 10 (0)
        Assert.Equal(new AuctionOutcome(21, 10, 10, 10), CallAuction.Uncross(Levels((22, 10)), Levels((20, 5), (21, 5)), 0, 0, reference: 20));
        // The same book with the reference at 30: 22 is nearer.
        Assert.Equal(22, CallAuction.Uncross(Levels((22, 10)), Levels((20, 5), (21, 5)), 0, 0, reference: 30).Price);
    }

    [Fact]
    public void Volume_comes_before_imbalance_and_imbalance_before_the_reference()
    {
        // bids 21×5, 20×10; asks 20×9, 21×1: p=20: B 15 S 9 → 9 (6) · p=21: B 5 S 10 → 5 (5): 20 trades more.
        Assert.Equal(20, CallAuction.Uncross(Levels((21, 5), (20, 10)), Levels((20, 9), (21, 1)), 0, 0, reference: 21).Price);

        // bids 21×12, 20×3; asks 19×4, 20×8: p=19: B 15 S 4 → 4 · p=20: B 15 S 12 → 12 (3) · p=21: B 12 S 12 → 12 (0):
        // 21, though the reference 20 is a candidate.
        Assert.Equal(21, CallAuction.Uncross(Levels((21, 12), (20, 3)), Levels((19, 4), (20, 8)), 0, 0, reference: 20).Price);
    }

    [Fact]
    public void A_tie_equally_far_from_the_reference_takes_the_lower_price()
    {
        // bids 22×10; asks 18×10, reference 20: p=18 → 10 (0), p=22 → 10 (0), both 2 from 20: 18.
        Assert.Equal(18, CallAuction.Uncross(Levels((22, 10)), Levels((18, 10)), 0, 0, reference: 20).Price);
    }

    [Fact]
    public void Market_orders_count_at_every_price()
    {
        // market buy 25; bids 20×10; asks 19×10, 21×20
        // p=19: B 35 S 10 → 10 · p=20: B 35 S 10 → 10 · p=21: B 25 S 30 → 25 (5)
        var outcome = CallAuction.Uncross(Levels((20, 10)), Levels((19, 10), (21, 20)), marketBuys: 25, marketSells: 0, reference: 20);
        Assert.Equal(new AuctionOutcome(21, 25, 25, 30), outcome);

        // market sell 15 against bids 20×10, 18×10: p=18: B 20 S 15 → 15 (5) · p=20: B 10 S 15 → 10: 18.
        Assert.Equal(new AuctionOutcome(18, 15, 20, 15),
            CallAuction.Uncross(Levels((20, 10), (18, 10)), Levels(), marketBuys: 0, marketSells: 15, reference: 20));
    }

    [Fact]
    public void Market_orders_alone_on_both_sides_trade_at_the_reference()
    {
        Assert.Equal(new AuctionOutcome(20, 7, 7, 10), CallAuction.Uncross(Levels(), Levels(), 7, 10, reference: 20));
    }

    [Fact]
    public void Nothing_trades_when_a_side_is_empty_or_the_book_does_not_cross()
    {
        Assert.False(CallAuction.Uncross(Levels((20, 10)), Levels(), 0, 0, 20).Trades);
        Assert.False(CallAuction.Uncross(Levels(), Levels((20, 10)), 0, 0, 20).Trades);
        Assert.False(CallAuction.Uncross(Levels(), Levels(), 5, 0, 20).Trades);
        // bids 19×10; asks 20×10: at 19 S 0, at 20 B 0.
        Assert.Equal(AuctionOutcome.None, CallAuction.Uncross(Levels((19, 10)), Levels((20, 10)), 0, 0, 20));
    }
}
