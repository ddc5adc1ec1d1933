using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>Listing, the treasury's standing IPO ask, withdrawing it, and several instruments side by side.</summary>
public class IpoAndInstrumentTests
{
    private readonly TestExchange _x = new();

    [Fact]
    public void Listing_mints_the_ipo_pool_to_the_treasury_as_a_standing_ask()
    {
        var mark = _x.Mark;
        var camp = _x.List("CAMP", ipoPrice: 20, ipoShares: 1_000_000);

        var instrument = _x.Instrument(camp);
        Assert.Equal("CAMP", instrument.Symbol);
        Assert.Equal(20, instrument.ReferencePrice);
        Assert.Equal(0, instrument.LastPrice);
        Assert.NotEqual(0, instrument.IpoOrderId);
        Assert.Equal(1_000_000, _x.Shares(SystemAccounts.Treasury, camp));
        Assert.Equal(1_000_000, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Equal(-1_000_000, _x.Shares(SystemAccounts.Issuance, camp));
        Assert.Equal((20L, 1_000_000L, 1), Assert.Single(_x.Depth(camp, Side.Sell)));

        var events = _x.EventsSince(mark);
        Assert.Equal(EventKind.InstrumentListed, events[0].Kind);
        Assert.Equal(camp, events[0].Asset);
        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(2, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Issue, e.LedgerKind));
    }

    [Fact]
    public void Default_listing_is_a_million_shares_at_twenty()
    {
        var id = (int)_x.Ok(new ListInstrument("CAMP", "Camp stock")).Id;

        Assert.Equal(20, _x.Instrument(id).IpoPrice);
        Assert.Equal(1_000_000, _x.Instrument(id).IpoShares);
        Assert.Equal(1_000_000, _x.Shares(SystemAccounts.Treasury, id));
    }

    [Fact]
    public void Students_buy_from_the_ipo_at_the_ipo_price_and_points_go_to_the_treasury()
    {
        var camp = _x.List("CAMP", 20, 1_000);
        var alice = _x.OpenAccount("alice", 10_000);
        var mark = _x.Mark;

        var r = _x.Buy(alice, camp, 100, 24);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(2_000, r.FilledValue);
        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(SystemAccounts.Treasury, trade.Other);
        Assert.Equal(_x.Instrument(camp).IpoOrderId, trade.OtherOrder);
        Assert.Equal(20, trade.Price);
        Assert.Equal(2_000, _x.Points(SystemAccounts.Treasury));
        Assert.Equal(900, _x.Shares(SystemAccounts.Treasury, camp));
        Assert.Equal(900, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Equal(100, _x.Shares(alice, camp));
    }

    [Fact]
    public void Market_buy_fills_from_the_ipo()
    {
        var camp = _x.List("CAMP", 20, 1_000);
        var alice = _x.OpenAccount("alice", 10_000);

        var r = _x.MarketBuy(alice, camp, 50);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(1_000, r.FilledValue);
    }

    [Fact]
    public void Student_asks_below_the_ipo_price_fill_first()
    {
        var camp = _x.List("CAMP", 20, 1_000);
        var alice = _x.OpenAccount("alice", 10_000);
        var bob = _x.OpenAccount("bob");
        _x.GrantShares(bob, camp, 10);
        _x.Sell(bob, camp, 10, 19);

        var mark = _x.Mark;
        _x.Buy(alice, camp, 15, 20);

        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal([bob, SystemAccounts.Treasury], trades.Select(t => t.Other));
        Assert.Equal([19L, 20L], trades.Select(t => t.Price));
    }

    [Fact]
    public void Exhausted_ipo_leaves_the_book_and_cannot_be_withdrawn()
    {
        var camp = _x.List("CAMP", 20, 100);
        var alice = _x.OpenAccount("alice", 10_000);

        var r = _x.Buy(alice, camp, 150, 20);

        Assert.Equal(100, r.Filled);
        Assert.Equal(OrderStatus.Open, r.Status);
        Assert.Equal(0, _x.Shares(SystemAccounts.Treasury, camp));
        Assert.Empty(_x.Depth(camp, Side.Sell));
        _x.Reject(new WithdrawIpo(camp), RejectCode.OrderUnknown);
    }

    [Fact]
    public void Withdrawing_the_ipo_cancels_the_treasury_ask_and_releases_its_shares()
    {
        var camp = _x.List("CAMP", 20, 1_000);
        var alice = _x.OpenAccount("alice", 10_000);
        _x.Buy(alice, camp, 100, 20);
        var mark = _x.Mark;

        var r = _x.Ok(new WithdrawIpo(camp));

        Assert.Equal(_x.Instrument(camp).IpoOrderId, r.Id);
        Assert.Equal(100, r.Filled);
        Assert.Equal(900, r.Remaining);
        Assert.Equal(CancelReason.ByStaff, r.CancelReason);
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(SystemAccounts.Treasury, cancelled.Account);
        Assert.Equal(CancelReason.ByStaff, cancelled.CancelReason);
        Assert.Empty(_x.Depth(camp, Side.Sell));
        Assert.Equal(0, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Equal(900, _x.Shares(SystemAccounts.Treasury, camp)); // unsold shares stay with the treasury

        var after = _x.MarketBuy(alice, camp, 10);
        Assert.Equal(0, after.Filled);
        _x.Reject(new WithdrawIpo(camp), RejectCode.OrderUnknown);
    }

    [Fact]
    public void Withdrawing_the_ipo_of_an_unknown_instrument_is_rejected()
    {
        _x.Reject(new WithdrawIpo(42), RejectCode.InstrumentUnknown);
    }

    [Fact]
    public void Listing_without_an_ipo_pool_has_no_ipo_order()
    {
        var camp = _x.List("CAMP", 20, 0);
        Assert.Equal(0, _x.Instrument(camp).IpoOrderId);
        Assert.Empty(_x.Depth(camp, Side.Sell));
        _x.Reject(new WithdrawIpo(camp), RejectCode.OrderUnknown);
    }

    [Fact]
    public void Students_cannot_cancel_the_ipo_order()
    {
        var camp = _x.List("CAMP", 20, 1_000);
        var alice = _x.OpenAccount("alice");
        _x.Reject(new CancelOrder(alice, _x.Instrument(camp).IpoOrderId), RejectCode.OrderNotOwned);
    }

    [Fact]
    public void Symbols_are_unique_case_insensitively_and_normalised()
    {
        var id = (int)_x.Ok(new ListInstrument(" camp ", "Camp", 20, 0)).Id;
        Assert.Equal("CAMP", _x.Instrument(id).Symbol);
        Assert.Same(_x.Instrument(id), _x.Engine.FindInstrument("Camp"));
        _x.Reject(new ListInstrument("CAMP", "Again", 20, 0), RejectCode.SymbolTaken);
    }

    [Theory]
    [InlineData("", "Name", 20, 0)]
    [InlineData("TOOLONGSYMBOL1", "Name", 20, 0)]
    [InlineData("OK", " ", 20, 0)]
    [InlineData("OK", "Name", 0, 0)]
    [InlineData("OK", "Name", -5, 0)]
    [InlineData("OK", "Name", 20, -1)]
    [InlineData("OK", "Name", ListInstrument.MaxIpoPrice + 1, 0)]
    [InlineData("OK", "Name", 3_000_000_000, 1_000)] // used to spin forever sizing the book's price array
    [InlineData("OK", "Name", long.MaxValue, 1_000)]
    public void Invalid_listings_are_rejected(string symbol, string name, long price, long shares)
    {
        _x.Reject(new ListInstrument(symbol, name, price, shares), RejectCode.InvalidCommand);
        Assert.Empty(_x.Engine.Instruments);
    }

    [Fact]
    public void Listing_at_the_highest_ipo_price_works_and_trades()
    {
        var big = _x.List("BIG", ListInstrument.MaxIpoPrice, 10);
        var alice = _x.OpenAccount("alice", 20 * ListInstrument.MaxIpoPrice);

        var r = _x.Buy(alice, big, 10, _x.Instrument(big).BandHigh(_x.Engine.Rules.BandPercent));

        Assert.Equal(10, r.Filled);
        Assert.Equal(10 * ListInstrument.MaxIpoPrice, r.FilledValue);
    }

    [Fact]
    public void Instruments_have_separate_books_holdings_and_bands()
    {
        var camp = _x.List("CAMP", 20, 1_000);
        var byte_ = _x.List("BYTE", 100, 500);
        var alice = _x.OpenAccount("alice", 100_000);
        var bob = _x.OpenAccount("bob", 100_000);

        Assert.Equal(50, _x.Buy(alice, byte_, 50, 100).Filled);
        Assert.Equal(10, _x.Buy(bob, camp, 10, 20).Filled);
        _x.Sell(alice, byte_, 20, 110);
        _x.Buy(bob, camp, 5, 18);

        Assert.Equal(50, _x.Shares(alice, byte_));
        Assert.Equal(0, _x.Shares(alice, camp));
        Assert.Equal(10, _x.Shares(bob, camp));
        Assert.Equal(0, _x.Shares(bob, byte_));
        Assert.Equal(20, _x.ReservedShares(alice, byte_));
        Assert.Equal(0, _x.ReservedShares(alice, camp));
        Assert.Equal([100L, 110L], _x.Depth(byte_, Side.Sell).Select(l => l.Price));
        Assert.Equal([20L], _x.Depth(camp, Side.Sell).Select(l => l.Price));
        Assert.Equal([18L], _x.Depth(camp, Side.Buy).Select(l => l.Price));
        Assert.Empty(_x.Depth(byte_, Side.Buy));

        // Each instrument has its own band: 16..24 and 80..120.
        var r = _x.Reject(new PlaceOrder(bob, byte_, Side.Buy, OrderType.Limit, 1, 24), RejectCode.PriceOutsideBand);
        Assert.Equal((80L, 120L), (r.Detail1, r.Detail2));
        r = _x.Reject(new PlaceOrder(bob, camp, Side.Buy, OrderType.Limit, 1, 100), RejectCode.PriceOutsideBand);
        Assert.Equal((16L, 24L), (r.Detail1, r.Detail2));

        // Shares of one instrument cannot be sold as another.
        _x.Reject(new PlaceOrder(alice, camp, Side.Sell, OrderType.Limit, 1, 20), RejectCode.InsufficientShares);
    }

    [Fact]
    public void Instrument_listed_after_accounts_opened_is_tradable_by_them()
    {
        var alice = _x.OpenAccount("alice", 1_000);
        var first = _x.List("AAA", 10, 0);
        var second = _x.List("BBB", 10, 0);
        var third = _x.List("CCC", 10, 100);

        _x.GrantShares(alice, third, 5);
        Assert.True(_x.Sell(alice, third, 5, 11).IsOk);
        Assert.Equal(5, _x.ReservedShares(alice, third));
        Assert.Equal(0, _x.Shares(alice, first));
        Assert.Equal(0, _x.Shares(alice, second));
    }
}
