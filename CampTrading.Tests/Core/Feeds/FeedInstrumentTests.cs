using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core.Feeds;

/// <summary>
/// Feed-priced instruments, with worked examples checked by hand. Terms throughout (FeedTestKit.BtcTerms): 1 BTC = 1000 units,
/// fee 10 bps (minimum 5 points), spread 20 bps, so at a feed price of 90,000 half the spread is ⌈90,000 × 20 / 20,000⌉ = 90:
/// the dealer sells at 90,090 and buys at 89,910. TestExchange checks conservation and reservations after every command.
/// </summary>
public class FeedInstrumentTests
{
    private readonly TestExchange _x = new();
    private readonly int _btc;
    private readonly int _alice;

    public FeedInstrumentTests()
    {
        _btc = _x.ListFeed();
        _alice = _x.OpenAccount("alice", 200_000);
    }

    private static PlaceOrder MarketBuy(int account, int instrument, long units) => new(account, instrument, Side.Buy, OrderType.Market, units);
    private static PlaceOrder MarketSell(int account, int instrument, long units) => new(account, instrument, Side.Sell, OrderType.Market, units);
    private static PlaceOrder LimitBuy(int account, int instrument, long units, long price) => new(account, instrument, Side.Buy, OrderType.Limit, units, price);
    private static PlaceOrder LimitSell(int account, int instrument, long units, long price) => new(account, instrument, Side.Sell, OrderType.Limit, units, price);

    [Fact]
    public void The_dealer_quotes_half_the_spread_either_side_rounded_up()
    {
        Assert.Equal(90, FeedMath.HalfSpread(90_000, 20));
        Assert.Equal(90_090, FeedMath.Ask(90_000, 20));
        Assert.Equal(89_910, FeedMath.Bid(90_000, 20));
        Assert.Equal(89, FeedMath.HalfSpread(88_900, 20)); // 88.9 → 89
        Assert.Equal(0, FeedMath.HalfSpread(88_900, 0));
        Assert.Equal(1, FeedMath.Bid(1, 2000)); // never below 1
    }

    [Fact]
    public void Buyers_pay_the_ceiling_sellers_get_the_floor_and_the_fee_has_a_minimum()
    {
        Assert.Equal(34, FeedMath.BuyValue(33_333, 1, 1000));  // 33.333 → 34
        Assert.Equal(33, FeedMath.SellValue(33_333, 1, 1000)); // 33.333 → 33
        Assert.Equal(100, FeedMath.BuyValue(100_000, 1, 1000)); // exact: no rounding either way
        Assert.Equal(100, FeedMath.SellValue(100_000, 1, 1000));
        Assert.Equal(5, FeedMath.Fee(451, 10, 5));     // 0.451 → 1, below the minimum 5
        Assert.Equal(91, FeedMath.Fee(90_090, 10, 5)); // 90.09 → 91
        Assert.Equal(0, FeedMath.Fee(0, 0, 0));
    }

    [Fact]
    public void A_market_buy_fills_at_once_against_the_dealer_at_the_ask_with_fee()
    {
        _x.Price(_btc, 90_000);
        var mark = _x.Mark;
        var r = _x.Ok(MarketBuy(_alice, _btc, 5)); // 0.005 BTC

        // value ⌈90,090 × 5 / 1000⌉ = ⌈450.45⌉ = 451, fee max(5, ⌈0.451⌉) = 5
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(5, r.Filled);
        Assert.Equal(451, r.FilledValue);
        Assert.Equal(200_000 - 456, _x.Points(_alice));
        Assert.Equal(5, _x.Shares(_alice, _btc));
        Assert.Equal(456, _x.Account(_alice).CostBasisOf(_btc));
        Assert.Equal(451, _x.Points(SystemAccounts.FeedDealer));
        Assert.Equal(-5, _x.Shares(SystemAccounts.FeedDealer, _btc));
        Assert.Equal(5, _x.Points(SystemAccounts.Fees));

        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(90_090, trade.Price);
        Assert.Equal(5, trade.Quantity);
        Assert.Equal(SystemAccounts.FeedDealer, trade.Other);
        Assert.Empty(_x.Engine.FeedOrdersOf(_btc));
    }

    [Fact]
    public void A_market_sell_gets_the_bid_rounded_down_less_the_fee_and_realizes_pnl_net_of_fees()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(MarketBuy(_alice, _btc, 5)); // paid 451 + 5
        var r = _x.Ok(MarketSell(_alice, _btc, 5));

        // value ⌊89,910 × 5 / 1000⌋ = ⌊449.55⌋ = 449, fee 5: alice gets 444; realized 444 − 456 = −12
        Assert.Equal(449, r.FilledValue);
        Assert.Equal(200_000 - 456 + 444, _x.Points(_alice));
        Assert.Equal(0, _x.Shares(_alice, _btc));
        Assert.Equal(0, _x.Account(_alice).CostBasisOf(_btc));
        Assert.Equal(-12, _x.Account(_alice).RealizedPnl);
        Assert.Equal(451 - 449, _x.Points(SystemAccounts.FeedDealer)); // the dealer kept the spread and the rounding
        Assert.Equal(0, _x.Shares(SystemAccounts.FeedDealer, _btc));
        Assert.Equal(10, _x.Points(SystemAccounts.Fees));
    }

    [Fact]
    public void A_whole_unit_pays_the_fee_in_basis_points_rounded_up()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(MarketBuy(_alice, _btc, 1000));
        // value 90,090, fee ⌈90.09⌉ = 91
        Assert.Equal(200_000 - 90_181, _x.Points(_alice));
        Assert.Equal(91, _x.Points(SystemAccounts.Fees));
    }

    [Fact]
    public void A_limit_buy_rests_holding_cost_and_fee_at_its_limit_and_fills_at_the_ask_when_a_price_crosses_it()
    {
        _x.Price(_btc, 90_000);
        var r = _x.Ok(LimitBuy(_alice, _btc, 10, 89_000));
        Assert.Equal(OrderStatus.Open, r.Status);
        // held: ⌈89,000 × 10 / 1000⌉ = 890 plus fee 5
        Assert.Equal(895, _x.ReservedPoints(_alice));
        Assert.Single(_x.Engine.FeedOrdersOf(_btc));

        _x.Price(_btc, 88_950); // ask 88,950 + 89 = 89,039 > 89,000: no fill
        Assert.Equal(0, _x.Shares(_alice, _btc));

        var mark = _x.Mark;
        _x.Price(_btc, 88_900); // ask 88,900 + 89 = 88,989 ≤ 89,000: fills at 88,989
        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(88_989, trade.Price);
        Assert.Equal(r.Id, trade.Order);
        // value ⌈889.89⌉ = 890, fee 5
        Assert.Equal(10, _x.Shares(_alice, _btc));
        Assert.Equal(200_000 - 895, _x.Points(_alice));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Empty(_x.OpenOrders(_alice));
    }

    [Fact]
    public void A_limit_sell_fills_at_the_bid_when_a_price_crosses_it()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(MarketBuy(_alice, _btc, 5)); // −456
        _x.Ok(LimitSell(_alice, _btc, 5, 91_000));
        Assert.Equal(5, _x.ReservedShares(_alice, _btc));

        _x.Price(_btc, 91_050); // bid 91,050 − 92 = 90,958 < 91,000
        Assert.Equal(5, _x.Shares(_alice, _btc));
        _x.Price(_btc, 91_100); // bid 91,100 − ⌈91.1⌉ = 91,008 ≥ 91,000
        // value ⌊455.04⌋ = 455, fee 5: +450
        Assert.Equal(0, _x.Shares(_alice, _btc));
        Assert.Equal(200_000 - 456 + 450, _x.Points(_alice));
        Assert.Equal(450 - 456, _x.Account(_alice).RealizedPnl);
    }

    [Fact]
    public void A_limit_that_crosses_on_arrival_fills_at_once_at_the_quote_not_its_limit()
    {
        _x.Price(_btc, 90_000);
        var r = _x.Ok(LimitBuy(_alice, _btc, 5, 95_000));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(451, r.FilledValue); // at the ask 90,090
    }

    [Fact]
    public void An_ioc_limit_that_does_not_cross_is_cancelled_and_holds_nothing()
    {
        _x.Price(_btc, 90_000);
        var r = _x.Ok(new PlaceOrder(_alice, _btc, Side.Buy, OrderType.Limit, 5, 80_000, TimeInForce.Ioc));
        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(CancelReason.NoLiquidity, r.CancelReason);
        Assert.Equal(0, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Cancelling_a_resting_feed_order_frees_what_it_held()
    {
        _x.Price(_btc, 90_000);
        var r = _x.Ok(LimitBuy(_alice, _btc, 10, 89_000));
        _x.Ok(new CancelOrder(_alice, r.Id));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Empty(_x.Engine.FeedOrdersOf(_btc));
        _x.Reject(new CancelOrder(_alice, r.Id), RejectCode.OrderUnknown);
    }

    [Fact]
    public void Feed_orders_never_meet_each_other()
    {
        var bob = _x.OpenAccount("bob");
        _x.GrantShares(bob, _btc, 10);
        _x.Price(_btc, 90_000);
        _x.Ok(LimitBuy(_alice, _btc, 10, 90_000)); // below the ask 90,090: rests
        _x.Ok(LimitSell(bob, _btc, 10, 90_000));   // above the bid 89,910: rests, although it "crosses" alice's bid
        Assert.Equal(2, _x.Engine.FeedOrdersOf(_btc).Count);
        Assert.Equal(0, _x.Shares(_alice, _btc));
    }

    [Fact]
    public void Order_and_position_limits_and_the_minimum_fee_refuse_orders_with_stable_codes()
    {
        _x.Price(_btc, 90_000);
        _x.Reject(MarketBuy(_alice, _btc, 1001), RejectCode.QuantityAboveMax);
        _x.Reject(MarketBuy(_alice, _btc, 0), RejectCode.InvalidQuantity);
        _x.Reject(LimitBuy(_alice, _btc, 5, 0), RejectCode.InvalidPrice);
        _x.GrantPoints(_alice, 200_000);
        _x.Ok(MarketBuy(_alice, _btc, 1000));
        _x.Ok(LimitBuy(_alice, _btc, 1000, 80_000)); // resting buys count toward the position
        var r = _x.Reject(MarketBuy(_alice, _btc, 1), RejectCode.PositionLimitReached);
        Assert.Equal(2000, r.Detail1);
        Assert.Equal(2000, r.Detail2);
        _x.Reject(MarketSell(_alice, _btc, 1001), RejectCode.QuantityAboveMax);

        var cheap = _x.ListFeed("DOGE", FeedTestKit.BtcTerms with { MinFee = 100 });
        _x.Price(cheap, 90_000);
        _x.Reject(MarketBuy(_alice, cheap, 1), RejectCode.OrderBelowMinFee); // worth ⌈90.09⌉ = 91 < 100
        _x.Ok(MarketBuy(_alice, cheap, 2)); // worth 181

        var poor = _x.OpenAccount("poor", 400);
        var refused = _x.Reject(MarketBuy(poor, _btc, 5), RejectCode.InsufficientPoints);
        Assert.Equal(456, refused.Detail1);
        _x.Reject(MarketSell(poor, _btc, 5), RejectCode.InsufficientShares);
    }

    [Fact]
    public void Without_a_price_the_instrument_waits_and_refuses_orders()
    {
        Assert.Equal(FeedStatus.AwaitingPrice, _x.Feed(_btc).Status);
        _x.Reject(MarketBuy(_alice, _btc, 5), RejectCode.FeedStale);
        _x.Price(_btc, 90_000);
        Assert.Equal(FeedStatus.Live, _x.Feed(_btc).Status);
    }

    [Fact]
    public void A_silent_feed_halts_the_instrument_at_the_stale_time_and_the_next_price_resumes_it()
    {
        _x.Price(_btc, 90_000);
        var pricedAt = _x.Now;
        var resting = _x.Ok(LimitBuy(_alice, _btc, 10, 80_000));
        Assert.Equal(pricedAt + 10 * TimeSpan.TicksPerSecond, _x.Engine.NextWakeUp); // the sequencer ticks exactly then

        Assert.True(_x.ApplyAt(pricedAt + 10 * TimeSpan.TicksPerSecond - 1, MarketBuy(_alice, _btc, 5)).IsOk); // just in time
        Assert.Equal(FeedStatus.Live, _x.Feed(_btc).Status);

        var mark = _x.Mark;
        _x.ApplyAt(pricedAt + 10 * TimeSpan.TicksPerSecond, new Tick());
        var halted = Assert.Single(_x.EventsSince(mark, EventKind.FeedStatusChanged));
        Assert.Equal((byte)FeedStatus.Stale, halted.Code);
        Assert.NotEqual(pricedAt + 10 * TimeSpan.TicksPerSecond, _x.Engine.NextWakeUp);
        var r = _x.Reject(MarketBuy(_alice, _btc, 5), RejectCode.FeedStale);
        Assert.Equal(10, r.Detail1);
        Assert.Single(_x.Engine.FeedOrdersOf(_btc)); // resting limits stay

        mark = _x.Mark;
        _x.Price(_btc, 79_000); // resumes, and the resting buy (ask 79,079 ≤ 80,000) fills
        Assert.Equal((byte)FeedStatus.Live, Assert.Single(_x.EventsSince(mark, EventKind.FeedStatusChanged)).Code);
        Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Empty(_x.Engine.FeedOrdersOf(_btc));
        Assert.Equal(resting.Id, _x.EventsSince(mark, EventKind.Trade)[0].Order);
    }

    [Fact]
    public void Staleness_is_judged_on_any_command_not_only_ticks()
    {
        _x.Price(_btc, 90_000);
        _x.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(RejectCode.FeedStale, _x.Apply(MarketBuy(_alice, _btc, 5)).Code);
        Assert.Equal(FeedStatus.Stale, _x.Feed(_btc).Status);
    }

    [Fact]
    public void Staff_pause_and_resume_and_paused_limits_do_not_fill()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(LimitBuy(_alice, _btc, 10, 80_000));
        _x.Ok(new SetFeedControl(_btc, FeedControl.Pause, "staff"));
        Assert.Equal(FeedStatus.Paused, _x.Feed(_btc).Status);
        _x.Reject(MarketBuy(_alice, _btc, 5), RejectCode.FeedPaused);
        _x.Price(_btc, 70_000);
        Assert.Equal(0, _x.Shares(_alice, _btc));

        _x.Ok(new SetFeedControl(_btc, FeedControl.Resume, "staff"));
        Assert.Equal(FeedStatus.Live, _x.Feed(_btc).Status);
        _x.Price(_btc, 70_001);
        Assert.Equal(10, _x.Shares(_alice, _btc));
    }

    [Fact]
    public void Removing_cancels_resting_orders_refuses_new_ones_and_keeps_holdings()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(MarketBuy(_alice, _btc, 5));
        _x.Ok(LimitBuy(_alice, _btc, 10, 80_000));
        var mark = _x.Mark;
        _x.Ok(new SetFeedControl(_btc, FeedControl.Remove, "staff"));
        Assert.Equal(CancelReason.ByStaff, Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled)).CancelReason);
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(5, _x.Shares(_alice, _btc));
        _x.Reject(MarketSell(_alice, _btc, 5), RejectCode.InstrumentNotTradable);
        _x.Reject(new FeedPrice(_btc, 1, 0), RejectCode.InstrumentNotTradable);
        _x.Reject(new SetFeedControl(_btc, FeedControl.Resume, "staff"), RejectCode.InstrumentNotTradable);
    }

    [Fact]
    public void Configuring_changes_terms_cancels_resting_orders_and_keeps_the_lot()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(LimitBuy(_alice, _btc, 10, 80_000));
        var terms = FeedTestKit.BtcTerms with { FeeBps = 50, SpreadBps = 0 };
        _x.Ok(ConfigureFeedInstrument.Of(_btc, terms, FeedTestKit.BtcSource with { Speed = 10 }, "staff"));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(terms, _x.Feed(_btc).Terms);
        Assert.Equal(10, _x.Feed(_btc).Source.Speed);
        _x.Reject(ConfigureFeedInstrument.Of(_btc, terms with { UnitsPerWhole = 100 }, FeedTestKit.BtcSource, "staff"), RejectCode.InvalidCommand);

        var r = _x.Ok(MarketBuy(_alice, _btc, 1000)); // no spread: 90,000, fee ⌈450⌉ = 450
        Assert.Equal(90_000, r.FilledValue);
        Assert.Equal(200_000 - 90_450, _x.Points(_alice));
    }

    [Fact]
    public void Listing_checks_its_terms_and_symbol()
    {
        _x.Reject(ListFeedInstrument.Of("ETH", "eth", FeedTestKit.BtcTerms with { UnitsPerWhole = 3 }, FeedTestKit.BtcSource, "t"), RejectCode.InvalidCommand);
        _x.Reject(ListFeedInstrument.Of("ETH", "eth", FeedTestKit.BtcTerms with { FeeBps = 1001 }, FeedTestKit.BtcSource, "t"), RejectCode.InvalidCommand);
        _x.Reject(ListFeedInstrument.Of("ETH", "eth", FeedTestKit.BtcTerms with { MaxPositionUnits = 1 }, FeedTestKit.BtcSource, "t"), RejectCode.InvalidCommand);
        _x.Reject(ListFeedInstrument.Of("ETH", "eth", FeedTestKit.BtcTerms, FeedTestKit.BtcSource with { Speed = 0 }, "t"), RejectCode.InvalidCommand);
        _x.Reject(ListFeedInstrument.Of("btc", "again", FeedTestKit.BtcTerms, FeedTestKit.BtcSource, "t"), RejectCode.SymbolTaken);
        _x.Reject(new FeedPrice(_btc, 0, 0), RejectCode.InvalidPrice);
        _x.Reject(new FeedPrice(_btc, FeedMath.MaxPrice + 1, 0), RejectCode.InvalidPrice);
        var stock = _x.List("CAMP");
        _x.Reject(new FeedPrice(stock, 10, 0), RejectCode.InstrumentUnknown);
        Assert.Equal(3, FeedTestKit.BtcTerms.Decimals);
        _x.Reject(new SetIpoOffer(_btc, 20, 100, "staff"), RejectCode.NotPermitted); // no book, no IPO pool
    }

    [Fact]
    public void Feed_orders_follow_the_session_and_a_close_cancels_them_like_book_orders()
    {
        _x.SetRules(new TradingRules { CancelAllAtClose = true });
        _x.Price(_btc, 90_000);
        _x.Ok(LimitBuy(_alice, _btc, 10, 80_000));
        _x.Override(MarketOverride.ForceClose);
        Assert.Empty(_x.Engine.FeedOrdersOf(_btc));
        Assert.Equal(0, _x.ReservedPoints(_alice));
        _x.Price(_btc, 90_000);
        _x.Reject(MarketBuy(_alice, _btc, 5), RejectCode.MarketClosed);
    }

    [Fact]
    public void Settlement_pays_feed_holdings_at_the_last_price_rounded_down()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(MarketBuy(_alice, _btc, 5));
        _x.Price(_btc, 100_001);
        var before = _x.Points(_alice);
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "staff"));
        Assert.Equal(before + 500, _x.Points(_alice)); // ⌊100,001 × 5 / 1000⌋ = 500
        Assert.Equal(0, _x.Shares(_alice, _btc));
    }

    [Fact]
    public void Every_balance_change_is_a_ledger_entry()
    {
        _x.Price(_btc, 90_000);
        _x.Ok(MarketBuy(_alice, _btc, 5));
        _x.Ok(LimitSell(_alice, _btc, 5, 90_500));
        _x.Price(_btc, 90_700);
        LedgerAudit.Verify(_x.Engine);
    }
}
