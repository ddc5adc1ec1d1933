using System.Globalization;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// Validation at order entry. Every rejection goes through <see cref="TestExchange.Reject"/>, which
/// proves the state did not change and that exactly one OrderRejected event carries the code.
/// </summary>
public class EntryCheckTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;

    public EntryCheckTests()
    {
        _camp = _x.List("CAMP", 20, 1_000); // band 16..24
        _alice = _x.OpenAccount("alice", 1_000);
        _x.GrantShares(_alice, _camp, 50);
    }

    private static PlaceOrder BuyOrder(int account, int instrument, long quantity = 1, long price = 20) =>
        new(account, instrument, Side.Buy, OrderType.Limit, quantity, price);

    private static PlaceOrder SellOrder(int account, int instrument, long quantity = 1, long price = 20) =>
        new(account, instrument, Side.Sell, OrderType.Limit, quantity, price);

    [Fact]
    public void Valid_order_passes()
    {
        Assert.True(_x.Apply(BuyOrder(_alice, _camp)).IsOk);
        Assert.True(_x.Apply(SellOrder(_alice, _camp, 1, 24)).IsOk);
    }

    [Fact]
    public void Orders_are_rejected_while_the_market_is_closed()
    {
        _x.Override(MarketOverride.ForceClose);
        _x.Reject(BuyOrder(_alice, _camp), RejectCode.MarketClosed);
        _x.Reject(SellOrder(_alice, _camp), RejectCode.MarketClosed);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Market, 1), RejectCode.MarketClosed);
    }

    [Fact]
    public void Orders_are_rejected_before_any_session_opens()
    {
        var x = new TestExchange(forceOpen: false);
        var camp = x.List("CAMP");
        var alice = x.OpenAccount("alice", 1_000);
        Assert.Equal(SessionState.Closed, x.Engine.Session);
        x.Reject(BuyOrder(alice, camp), RejectCode.MarketClosed);
    }

    [Fact]
    public void Orders_are_rejected_while_trading_is_halted()
    {
        _x.Override(MarketOverride.Halt);
        _x.Reject(BuyOrder(_alice, _camp), RejectCode.MarketHalted);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Market, 1), RejectCode.MarketHalted);
    }

    [Theory]
    [InlineData(99_999)]
    [InlineData(50)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Unknown_account_is_rejected(int account)
    {
        _x.Reject(BuyOrder(account, _camp), RejectCode.AccountUnknown);
    }

    [Fact]
    public void Disabled_account_cannot_buy_or_sell()
    {
        // No command sets restrictions yet; the engine's own state is set directly, as a future admin command would.
        _x.Account(_alice).Restrictions = AccountRestrictions.Disabled;
        _x.Reject(BuyOrder(_alice, _camp), RejectCode.AccountDisabled);
        _x.Reject(SellOrder(_alice, _camp), RejectCode.AccountDisabled);
    }

    [Fact]
    public void Frozen_account_cannot_buy_but_can_sell()
    {
        _x.Account(_alice).Restrictions = AccountRestrictions.Frozen;
        _x.Reject(BuyOrder(_alice, _camp), RejectCode.AccountFrozen);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, 1), RejectCode.AccountFrozen);
        Assert.True(_x.Apply(SellOrder(_alice, _camp, 5, 22)).IsOk);
    }

    [Theory]
    [InlineData(SystemAccounts.Treasury)]
    [InlineData(SystemAccounts.Grants)]
    [InlineData(SystemAccounts.Fines)]
    [InlineData(SystemAccounts.Issuance)]
    public void System_accounts_may_not_trade(int account)
    {
        _x.Reject(BuyOrder(account, _camp), RejectCode.NotPermitted);
        _x.Reject(SellOrder(account, _camp), RejectCode.NotPermitted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Unknown_instrument_is_rejected(int instrument)
    {
        _x.Reject(BuyOrder(_alice, instrument), RejectCode.InstrumentUnknown);
    }

    [Fact]
    public void Instrument_that_is_not_tradable_is_rejected()
    {
        _x.Instrument(_camp).Tradable = false;
        _x.Reject(BuyOrder(_alice, _camp), RejectCode.InstrumentNotTradable);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Quantity_must_be_positive(long quantity)
    {
        _x.Reject(BuyOrder(_alice, _camp, quantity), RejectCode.InvalidQuantity);
        _x.Reject(SellOrder(_alice, _camp, quantity), RejectCode.InvalidQuantity);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, quantity), RejectCode.InvalidQuantity);
    }

    [Fact]
    public void Quantity_above_the_per_order_maximum_is_rejected_with_the_maximum()
    {
        _x.SetRules(new() { MaxOrderQuantity = 30 });

        var r = _x.Reject(SellOrder(_alice, _camp, 31, 22), RejectCode.QuantityAboveMax);
        Assert.Equal(30, r.Detail1);
        Assert.Contains("30", RejectCodes.Message(r, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, long.MaxValue), RejectCode.QuantityAboveMax);
        Assert.True(_x.Apply(SellOrder(_alice, _camp, 30, 22)).IsOk);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-20)]
    public void Limit_price_must_be_positive(long price)
    {
        _x.Reject(BuyOrder(_alice, _camp, 1, price), RejectCode.InvalidPrice);
        _x.Reject(SellOrder(_alice, _camp, 1, price), RejectCode.InvalidPrice);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(25)]
    [InlineData(1)]
    [InlineData(1_000_000)]
    public void Price_outside_the_band_is_rejected_with_the_band(long price)
    {
        var r = _x.Reject(BuyOrder(_alice, _camp, 1, price), RejectCode.PriceOutsideBand);
        Assert.Equal(16, r.Detail1);
        Assert.Equal(24, r.Detail2);
        _x.Reject(SellOrder(_alice, _camp, 1, price), RejectCode.PriceOutsideBand);

        var en = RejectCodes.Message(r, CultureInfo.GetCultureInfo("en-US"));
        var zh = RejectCodes.Message(r, CultureInfo.GetCultureInfo("zh-TW"));
        Assert.Contains("16", en, StringComparison.Ordinal);
        Assert.Contains("24", en, StringComparison.Ordinal);
        Assert.Contains("16", zh, StringComparison.Ordinal);
        Assert.Contains("24", zh, StringComparison.Ordinal);
        Assert.Equal("Price is outside the band (16–24 points).", en);
    }

    [Fact]
    public void Band_edges_are_inside_the_band()
    {
        Assert.True(_x.Apply(BuyOrder(_alice, _camp, 1, 16)).IsOk);
        Assert.True(_x.Apply(SellOrder(_alice, _camp, 1, 24)).IsOk);
    }

    [Theory]
    [InlineData(20, 20, 16, 24)]
    [InlineData(20, 10, 18, 22)]
    [InlineData(20, 1, 20, 20)]
    [InlineData(21, 10, 19, 23)] // 18.9 rounds up, 23.1 rounds down: the band never widens by rounding
    [InlineData(3, 20, 3, 3)]
    [InlineData(1, 50, 1, 1)]
    [InlineData(100, 1000, 1, 1100)]
    public void Band_is_rounded_inward_and_never_below_one(long reference, int percent, long low, long high)
    {
        var x = new TestExchange();
        var id = x.List("BAND", reference, 0);
        x.SetRules(new() { BandPercent = percent });
        Assert.Equal(low, x.Instrument(id).BandLow(percent));
        Assert.Equal(high, x.Instrument(id).BandHigh(percent));
    }

    [Fact]
    public void Market_orders_are_not_checked_against_the_band_by_their_price_field()
    {
        // A market order's price is ignored; the band bounds its fills instead.
        var r = _x.Apply(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, 2, 999));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(40, r.FilledValue);
    }

    [Fact]
    public void Buy_needs_available_points_for_price_times_quantity()
    {
        var r = _x.Reject(BuyOrder(_alice, _camp, 51, 20), RejectCode.InsufficientPoints);
        Assert.Equal(1_020, r.Detail1);
        Assert.Equal(1_000, r.Detail2);
        Assert.Equal("Not enough available points (need 1,020, have 1,000).", RejectCodes.Message(r, CultureInfo.GetCultureInfo("en-US")));
        Assert.True(_x.Apply(BuyOrder(_alice, _camp, 50, 20)).IsOk);
    }

    [Fact]
    public void Market_buy_needs_points_for_at_least_one_share_at_the_best_ask()
    {
        var poor = _x.OpenAccount("poor", 19);
        var r = _x.Reject(new PlaceOrder(poor, _camp, Side.Buy, OrderType.Market, 1), RejectCode.InsufficientPoints);
        Assert.Equal(20, r.Detail1);
        Assert.Equal(19, r.Detail2);

        var broke = _x.OpenAccount("broke");
        _x.Reject(new PlaceOrder(broke, _camp, Side.Buy, OrderType.Market, 1), RejectCode.InsufficientPoints);
    }

    [Fact]
    public void Sell_needs_available_shares()
    {
        var r = _x.Reject(SellOrder(_alice, _camp, 51, 20), RejectCode.InsufficientShares);
        Assert.Equal(51, r.Detail1);
        Assert.Equal(50, r.Detail2);

        var none = _x.OpenAccount("none", 1_000);
        _x.Reject(SellOrder(none, _camp, 1, 20), RejectCode.InsufficientShares);
        _x.Reject(new PlaceOrder(none, _camp, Side.Sell, OrderType.Market, 1), RejectCode.InsufficientShares);
    }

    [Fact]
    public void Account_in_debt_cannot_buy_but_can_sell()
    {
        var r = _x.GrantPoints(_alice, -1_300); // takes the 1,000 it has; 300 becomes debt
        Assert.Equal(1_000, r.Filled);
        Assert.Equal(300, r.Detail1);
        Assert.Equal(300, _x.Account(_alice).Debt);

        var reject = _x.Reject(BuyOrder(_alice, _camp), RejectCode.AccountInDebt);
        Assert.Equal(300, reject.Detail1);
        Assert.Contains("300", RejectCodes.Message(reject, CultureInfo.GetCultureInfo("zh-TW")), StringComparison.Ordinal);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, 1), RejectCode.AccountInDebt);

        Assert.True(_x.Apply(SellOrder(_alice, _camp, 5, 22)).IsOk);
    }

    [Theory]
    [InlineData((Side)7, OrderType.Limit, TimeInForce.Gtc)]
    [InlineData(Side.Buy, (OrderType)9, TimeInForce.Gtc)]
    [InlineData(Side.Sell, OrderType.Limit, (TimeInForce)5)]
    public void Undefined_enum_values_are_rejected(Side side, OrderType type, TimeInForce tif)
    {
        _x.Reject(new PlaceOrder(_alice, _camp, side, type, 1, 20, tif), RejectCode.InvalidCommand);
    }

    [Fact]
    public void Daily_order_limit_counts_accepted_orders_and_resets_the_next_camp_day()
    {
        // Start at 09:00 Taipei; the camp day ends at 16:00 UTC (midnight in Taipei).
        var x = new TestExchange(start: new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var camp = x.List("CAMP", 20, 1_000);
        var alice = x.OpenAccount("alice", 10_000);
        var bob = x.OpenAccount("bob", 10_000);
        x.SetRules(new() { DailyOrderLimit = 3 });

        Assert.True(x.Buy(alice, camp, 1, 20).IsOk);                   // filled
        var resting = x.Buy(alice, camp, 1, 17);                        // rests
        x.Cancel(alice, resting.Id);                                    // a cancel is not an order
        x.Reject(BuyOrder(alice, camp, 1, 99), RejectCode.PriceOutsideBand); // rejections do not count
        Assert.True(x.MarketBuy(alice, camp, 1).IsOk);                  // third order

        var r = x.Reject(BuyOrder(alice, camp, 1, 20), RejectCode.DailyLimitReached);
        Assert.Equal(3, r.Detail1);
        Assert.Equal("已達今日下單上限 3 筆", RejectCodes.Message(r, CultureInfo.GetCultureInfo("zh-TW")));
        x.Reject(SellOrder(alice, camp, 1, 20), RejectCode.DailyLimitReached);
        Assert.True(x.Buy(bob, camp, 1, 20).IsOk); // the limit is per account

        // Still the same camp day one minute before midnight in Taipei.
        x.ApplyAt(new DateTimeOffset(2025, 7, 1, 23, 59, 0, TimeSpan.FromHours(8)), new Tick());
        x.Reject(BuyOrder(alice, camp, 1, 20), RejectCode.DailyLimitReached);

        // A new camp day at midnight Taipei time, although it is still 1 July in UTC.
        x.ApplyAt(new DateTimeOffset(2025, 7, 1, 16, 0, 0, TimeSpan.Zero), new Tick());
        for (var i = 0; i < 3; i++) Assert.True(x.Buy(alice, camp, 1, 20).IsOk);
        x.Reject(BuyOrder(alice, camp, 1, 20), RejectCode.DailyLimitReached);
    }

    [Fact]
    public void Entry_checks_report_the_first_failing_rule()
    {
        _x.Override(MarketOverride.ForceClose);
        _x.Reject(BuyOrder(99_999, 77, 0, 0), RejectCode.AccountUnknown);
        _x.Reject(BuyOrder(_alice, 77, 0, 0), RejectCode.InstrumentUnknown);
        _x.Reject(BuyOrder(_alice, _camp, 0, 0), RejectCode.MarketClosed);
        _x.Override(MarketOverride.ForceOpen);
        _x.Reject(BuyOrder(_alice, _camp, 0, 0), RejectCode.InvalidQuantity);
        _x.Reject(BuyOrder(_alice, _camp, 1, 0), RejectCode.InvalidPrice);
        _x.Reject(BuyOrder(_alice, _camp, 1_000, 99), RejectCode.PriceOutsideBand);
        _x.Reject(BuyOrder(_alice, _camp, 1_000, 20), RejectCode.InsufficientPoints);
    }
}
