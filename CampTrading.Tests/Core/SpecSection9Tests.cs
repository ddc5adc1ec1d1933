using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>SPEC §9: the trading mistakes of the original system, each proven impossible here.</summary>
public class SpecSection9Tests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public SpecSection9Tests()
    {
        _camp = _x.List("CAMP", 20, 0); // no IPO: the book starts empty
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
        _x.GrantShares(_alice, _camp, 100);
    }

    private long TotalPoints() => _x.Engine.Accounts().Where(a => !a.IsSystem).Sum(a => a.Balance(Assets.Points));

    [Fact]
    public void Market_sell_with_no_bids_is_cancelled_with_nothing_filled_and_no_points_minted()
    {
        var pointsBefore = TotalPoints();
        var mark = _x.Mark;

        var r = _x.MarketSell(_alice, _camp, 50);

        Assert.True(r.IsOk);
        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(CancelReason.NoLiquidity, r.CancelReason);
        Assert.Equal(0, r.Filled);
        Assert.Equal(0, r.FilledValue);
        Assert.Equal(50, r.Remaining);
        Assert.Empty(_x.EventsSince(mark, EventKind.Trade));
        Assert.Empty(_x.EventsSince(mark, EventKind.Ledger));
        Assert.Equal(1_000, _x.Points(_alice));
        Assert.Equal(100, _x.Shares(_alice, _camp));
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
        Assert.Equal(pointsBefore, TotalPoints());
        Assert.Equal(0, _x.Instrument(_camp).LastPrice);
    }

    [Fact]
    public void Market_sell_with_only_bids_below_the_band_is_cancelled_and_mints_nothing()
    {
        _x.Buy(_bob, _camp, 10, 16);
        _x.SetRules(new() { BandPercent = 10 }); // 18..22: the bid at 16 stays but is out of reach
        var pointsBefore = TotalPoints();

        var r = _x.MarketSell(_alice, _camp, 10);

        Assert.Equal(0, r.Filled);
        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(pointsBefore, TotalPoints());
    }

    [Fact]
    public void Reservations_prevent_double_spend()
    {
        // 1,000 points: two buys of 600 each cannot both be accepted before any matching.
        var first = _x.Buy(_bob, _camp, 30, 20);
        Assert.True(first.IsOk);
        Assert.Equal(600, _x.ReservedPoints(_bob));

        var second = _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 30, 20), RejectCode.InsufficientPoints);
        Assert.Equal(600, second.Detail1);
        Assert.Equal(400, second.Detail2);

        // What remains can still be used, exactly.
        Assert.True(_x.Buy(_bob, _camp, 20, 20).IsOk);
        Assert.Equal(0, _x.AvailablePoints(_bob));
        _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 1, 16), RejectCode.InsufficientPoints);

        // Both buys fill in full: the points were there for each.
        var r = _x.Sell(_alice, _camp, 50, 20);
        Assert.Equal(50, r.Filled);
        Assert.Equal(0, _x.Points(_bob));
        Assert.Equal(50, _x.Shares(_bob, _camp));
    }

    [Fact]
    public void Reservations_prevent_selling_the_same_shares_twice()
    {
        Assert.True(_x.Sell(_alice, _camp, 70, 22).IsOk);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Limit, 70, 23), RejectCode.InsufficientShares);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Market, 31), RejectCode.InsufficientShares);
    }

    [Fact]
    public void No_negative_balances_or_holdings_ever()
    {
        var carol = _x.OpenAccount("carol", 100);
        _x.GrantShares(carol, _camp, 5);

        // Selling more than held, twice over, by limit and market.
        _x.Reject(new PlaceOrder(carol, _camp, Side.Sell, OrderType.Limit, 6, 20), RejectCode.InsufficientShares);
        _x.Sell(carol, _camp, 5, 24);
        _x.Reject(new PlaceOrder(carol, _camp, Side.Sell, OrderType.Market, 1), RejectCode.InsufficientShares);
        // Buying more than affordable, by limit and market.
        _x.Reject(new PlaceOrder(carol, _camp, Side.Buy, OrderType.Limit, 6, 20), RejectCode.InsufficientPoints);
        _x.Sell(_alice, _camp, 100, 19);
        var market = _x.MarketBuy(carol, _camp, 100);
        Assert.Equal(5, market.Filled);
        Assert.Equal(CancelReason.InsufficientFunds, market.CancelReason);
        // Taking more than held: the balance stops at zero, the rest is debt.
        _x.GrantPoints(carol, -1_000);
        _x.GrantShares(carol, _camp, -1_000);

        foreach (var account in _x.Engine.Accounts().Where(a => !a.IsSystem))
            for (var asset = 0; asset <= _x.Engine.Instruments.Count; asset++)
            {
                Assert.True(account.Balance(asset) >= 0, $"account {account.Id} asset {asset}: {account.Balance(asset)}");
                Assert.True(account.Available(asset) >= 0, $"account {account.Id} asset {asset} available {account.Available(asset)}");
            }
        Assert.Equal(0, _x.Points(carol));
        Assert.Equal(0, _x.Shares(carol, _camp)); // the resting sell was cancelled and its 5 shares taken
        Assert.Equal(995, _x.Account(carol).Debt); // 1,000 asked, the 5 points left were taken
    }

    [Fact]
    public void Debt_is_repaid_by_every_kind_of_point_credit()
    {
        var carol = _x.OpenAccount("carol");
        _x.GrantShares(carol, _camp, 20);
        _x.GrantPoints(carol, -1_000);

        _x.GrantPoints(carol, 100);                 // a grant
        Assert.Equal(900, _x.Account(carol).Debt);
        _x.Buy(_bob, _camp, 10, 20);
        _x.MarketSell(carol, _camp, 10);            // a trade as taker
        Assert.Equal(700, _x.Account(carol).Debt);
        _x.Sell(carol, _camp, 10, 21);
        _x.Buy(_bob, _camp, 10, 21);                // a trade as maker
        Assert.Equal(490, _x.Account(carol).Debt);
        Assert.Equal(0, _x.Points(carol));
        Assert.Equal(510, _x.Points(SystemAccounts.Fines));
    }

    [Fact]
    public void Price_band_is_always_enforced()
    {
        // No rule set turns the band off: zero or negative percent is refused outright.
        Assert.False(new TradingRules { BandPercent = 0 }.IsValid);
        Assert.False(new TradingRules { BandPercent = -1 }.IsValid);
        Assert.True(new TradingRules().IsValid);
        Assert.Equal(20, new TradingRules().BandPercent);
        _x.Reject(new SetTradingRules(new TradingRules { BandPercent = 0 }, "admin"), RejectCode.InvalidRules);
        _x.Reject(new SetTradingRules(new TradingRules { BandPercent = int.MinValue }, "admin"), RejectCode.InvalidRules);
        Assert.Equal(20, _x.Engine.Rules.BandPercent);

        // Every state of the market keeps the band: forced open, after a halt, with the widest band.
        _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 1, 25), RejectCode.PriceOutsideBand);
        _x.Override(MarketOverride.Halt);
        _x.Override(MarketOverride.None);
        _x.Override(MarketOverride.ForceOpen);
        _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 1, 25), RejectCode.PriceOutsideBand);
        _x.SetRules(new() { BandPercent = 1000 });
        _x.Reject(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Limit, 1, 221), RejectCode.PriceOutsideBand);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Limit, 1, 221), RejectCode.PriceOutsideBand);
    }

    [Fact]
    public void Partially_filled_market_order_reports_the_true_fill_and_the_cancelled_remainder()
    {
        _x.Buy(_bob, _camp, 15, 20);
        _x.Buy(_bob, _camp, 10, 19);
        var mark = _x.Mark;

        var r = _x.MarketSell(_alice, _camp, 40);

        Assert.True(r.IsOk);
        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(25, r.Filled);
        Assert.Equal(15 * 20 + 10 * 19, r.FilledValue);
        Assert.Equal(19, r.AveragePrice);
        Assert.Equal(15, r.Remaining);
        Assert.Equal(CancelReason.NoLiquidity, r.CancelReason);
        Assert.Equal(40, r.Filled + r.Remaining);

        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal(25, trades.Sum(t => t.Quantity));
        Assert.Equal(r.FilledValue, trades.Sum(t => t.Price * t.Quantity));
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(r.Id, cancelled.Order);
        Assert.Equal(15, cancelled.Remaining);
        Assert.Equal(75, _x.Shares(_alice, _camp));
        Assert.Equal(1_000 + 490, _x.Points(_alice));
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
    }

    [Fact]
    public void Partially_filled_market_buy_reports_the_true_fill()
    {
        _x.Sell(_alice, _camp, 7, 21);
        var r = _x.MarketBuy(_bob, _camp, 10);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(7, r.Filled);
        Assert.Equal(147, r.FilledValue);
        Assert.Equal(3, r.Remaining);
        Assert.Equal(1_000 - 147, _x.Points(_bob));
    }
}
