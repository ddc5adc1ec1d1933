using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// The IPO in the opening auction (docs/decisions/0023-ipo-in-the-opening-auction.md): the pool waits in the treasury,
/// joins the pre-open's book as one ask at the IPO price, is allocated at the open with everyone else, and what is
/// left is withdrawn then. The market opens at 09:00 after a 10-minute pre-open; CAMP's IPO price is 20 (band 16–24).
/// Every worked example below was checked by hand; the invariants are checked after every command by <see cref="TestExchange"/>.
/// </summary>
public sealed class IpoAuctionTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int hour, int minute = 0) => new(2025, 7, 1, hour, minute, 0, Taipei);

    private readonly TestExchange _x = new(forceOpen: false, start: At(8));
    private readonly List<Command> _journal = [];

    public IpoAuctionTests()
    {
        Do(new SetTradingRules(new TradingRules { PreOpenMinutes = 10 }, "test"));
        Do(new SetSchedule([new(At(9), At(12))], "admin"));
    }

    /// <summary>Applies a command that must succeed and keeps it for the replay check.</summary>
    private CommandResult Do(Command command) => DoAt(_x.Now + TimeSpan.TicksPerMillisecond, command);

    private CommandResult DoAt(DateTimeOffset at, Command command) => DoAt(at.UtcTicks, command);

    private CommandResult DoAt(long ticks, Command command)
    {
        _journal.Add(command);
        _stamps.Add(Math.Max(_x.Now, ticks));
        var result = _x.ApplyAt(ticks, command);
        Assert.True(result.IsOk, $"{command} was rejected: {result.Code}");
        return result;
    }

    private readonly List<long> _stamps = [];

    private int ListCamp(long shares, bool inAuction = true) =>
        (int)Do(new ListInstrument("CAMP", "Camp Stock", 20, shares) { IpoInOpeningAuction = inAuction }).Id;

    private int Trader(string name, long points = 10_000, int instrument = 0, long shares = 0)
    {
        var id = (int)Do(new OpenAccount(name)).Id;
        Do(new Grant(id, Assets.Points, points, "test", "test"));
        if (shares > 0) Do(new Grant(id, instrument, shares, "test", "test"));
        return id;
    }

    private CommandResult Buy(int account, int instrument, long quantity, long price) =>
        Do(new PlaceOrder(account, instrument, Side.Buy, OrderType.Limit, quantity, price));

    private CommandResult Sell(int account, int instrument, long quantity, long price) =>
        Do(new PlaceOrder(account, instrument, Side.Sell, OrderType.Limit, quantity, price));

    private void Tick(DateTimeOffset at) => DoAt(at, new Tick());

    private IpoView Ipo(int instrument) => _x.Engine.IpoOf(instrument);

    private long Treasury(int instrument) => _x.Shares(SystemAccounts.Treasury, instrument);

    [Fact]
    public void The_pool_waits_in_the_treasury_until_the_pre_open_and_then_rests_as_one_ask_at_the_ipo_price()
    {
        var camp = ListCamp(1_000);
        Assert.Equal(new IpoView(IpoPhase.WaitingForAuction, 20, 1_000), Ipo(camp));
        Assert.Equal(1_000, Treasury(camp)); // minted at listing (one Issue ledger entry), not offered yet
        Assert.Equal(0, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Empty(_x.Depth(camp, Side.Sell));

        Tick(At(8, 50));
        Assert.Equal(SessionState.PreOpen, _x.Engine.Session);
        Assert.Equal(new IpoView(IpoPhase.InAuction, 20, 1_000), Ipo(camp));
        Assert.Equal([(20L, 1_000L, 1)], _x.Depth(camp, Side.Sell));
        Assert.Equal(1_000, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Equal(new AuctionOutcome(0, 0, 0, 0), _x.Engine.IndicativeAuction(camp)); // no bids yet
    }

    [Fact]
    public void Demand_below_the_pool_buys_at_the_offer_price_and_the_rest_of_the_pool_is_withdrawn_at_the_open()
    {
        var camp = ListCamp(1_000);
        var alice = Trader("alice");
        var bob = Trader("bob");
        var carol = Trader("carol");
        Tick(At(8, 50));
        Buy(alice, camp, 300, 22);
        Buy(bob, camp, 200, 20);
        Buy(carol, camp, 100, 19);
        // At 22: 300 bid, 1,000 offered → 300. At 20: 500 bid → 500. At 19: nothing offered. So 500 at 20.
        Assert.Equal(new AuctionOutcome(20, 500, 500, 1_000), _x.Engine.IndicativeAuction(camp));

        var mark = _x.Mark;
        Tick(At(9));
        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal([(alice, 300L, 20L), (bob, 200L, 20L)], trades.Select(t => (t.Account, t.Quantity, t.Price)));
        Assert.All(trades, t => Assert.Equal(SystemAccounts.Treasury, t.Other));

        Assert.Equal(10_000 - 300 * 20, _x.Points(alice)); // reserved at 22, paid 20
        Assert.Equal(0, _x.ReservedPoints(alice));
        Assert.Equal(300, _x.Shares(alice, camp));
        Assert.Equal(200, _x.Shares(bob, camp));
        Assert.Equal(500 * 20, _x.Points(SystemAccounts.Treasury));

        // The 500 unsold shares stay in the treasury, no longer offered: the book has no ask at all.
        Assert.Equal(new IpoView(IpoPhase.None, 0, 0), Ipo(camp));
        Assert.Equal(500, Treasury(camp));
        Assert.Equal(0, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Empty(_x.Depth(camp, Side.Sell));
        Assert.Equal([(19L, 100L, 1)], _x.Depth(camp, Side.Buy));
        var withdrawn = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal((SystemAccounts.Treasury, 500L, CancelReason.IpoAuctionEnded), (withdrawn.Account, withdrawn.Remaining, withdrawn.CancelReason));

        // Nothing caps the price now: the next trade prints above the IPO price.
        var dave = Trader("dave");
        Sell(alice, camp, 100, 23);
        var lifted = Buy(dave, camp, 100, 23);
        Assert.Equal(OrderStatus.Filled, lifted.Status);
        Assert.Equal(23, _x.Instrument(camp).LastPrice);
        LedgerAudit.Verify(_x.Engine);
    }

    [Fact]
    public void Demand_beyond_the_pool_lifts_the_uncrossing_price_above_the_offer()
    {
        var camp = ListCamp(1_000);
        var alice = Trader("alice", 50_000);
        var bob = Trader("bob");
        Tick(At(8, 55));
        Buy(alice, camp, 1_200, 24);
        Buy(bob, camp, 300, 22);
        // At 24: 1,200 bid, 1,000 offered → 1,000, imbalance 200. At 22 and at 20: 1,500 bid → 1,000, imbalance 500.
        // Same volume everywhere; the least imbalance names 24.
        Assert.Equal(new AuctionOutcome(24, 1_000, 1_200, 1_000), _x.Engine.IndicativeAuction(camp));

        var mark = _x.Mark;
        Tick(At(9));
        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal((alice, 1_000L, 24L), (trade.Account, trade.Quantity, trade.Price));
        Assert.Equal(50_000 - 1_000 * 24 - 200 * 24, _x.AvailablePoints(alice)); // 200 still bid at 24
        Assert.Equal([(24L, 200L, 1), (22L, 300L, 1)], _x.Depth(camp, Side.Buy));
        Assert.Equal(24, _x.Instrument(camp).LastPrice);

        // The pool sold out: nothing to withdraw, and the pool is gone.
        Assert.Empty(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(new IpoView(IpoPhase.None, 0, 0), Ipo(camp));
        Assert.Equal(0, Treasury(camp));
        Assert.Equal(24_000, _x.Points(SystemAccounts.Treasury));
    }

    [Fact]
    public void The_pool_is_allocated_with_student_sellers_in_price_time_order()
    {
        var camp = ListCamp(100);
        var erin = Trader("erin", instrument: camp, shares: 50);
        var frank = Trader("frank", instrument: camp, shares: 30);
        var alice = Trader("alice");
        Tick(At(8, 50)); // the pool rests first
        var e = Sell(erin, camp, 50, 20);
        Sell(frank, camp, 30, 19);
        Buy(alice, camp, 150, 21);
        // At 21 and at 20: 150 bid, 180 offered → 150, imbalance 30 both; 20 is nearer the reference. At 19: 30.
        Assert.Equal(new AuctionOutcome(20, 150, 150, 180), _x.Engine.IndicativeAuction(camp));

        var mark = _x.Mark;
        Tick(At(9));
        // frank's 19 is the better price; then the pool (earlier at 20) before erin, who gets the last 20.
        Assert.Equal([(frank, 30L), (SystemAccounts.Treasury, 100L), (erin, 20L)],
            _x.EventsSince(mark, EventKind.Trade).Select(t => (t.Other, t.Quantity)));
        Assert.All(_x.EventsSince(mark, EventKind.Trade), t => Assert.Equal(20, t.Price));
        Assert.Equal(150, _x.Shares(alice, camp));
        Assert.Equal([(20L, 30L, 1)], _x.Depth(camp, Side.Sell));
        Assert.Equal([e.Id], _x.QueueOf(camp, Side.Sell));
        Assert.Equal(IpoPhase.None, Ipo(camp).Phase);
    }

    [Fact]
    public void An_instrument_listed_while_the_market_is_open_keeps_its_pool_for_the_next_opening_auction()
    {
        Do(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        var camp = ListCamp(1_000);
        var alice = Trader("alice");
        Assert.Equal(IpoPhase.WaitingForAuction, Ipo(camp).Phase);
        Assert.Empty(_x.Depth(camp, Side.Sell));
        Assert.Equal(OrderStatus.Cancelled, Do(new PlaceOrder(alice, camp, Side.Buy, OrderType.Market, 10)).Status); // nothing to buy

        // A halt and a reopen, or an open straight from a close, hold no pre-open: the pool keeps waiting.
        Do(new SetMarketOverride(MarketOverride.Halt, "test"));
        Do(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        Do(new SetMarketOverride(MarketOverride.ForceClose, "test"));
        Do(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        Assert.Equal(new IpoView(IpoPhase.WaitingForAuction, 20, 1_000), Ipo(camp));

        Do(new SetMarketOverride(MarketOverride.PreOpen, "test"));
        Assert.Equal(new IpoView(IpoPhase.InAuction, 20, 1_000), Ipo(camp));
        Buy(alice, camp, 10, 21);
        Do(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        Assert.Equal(10, _x.Shares(alice, camp));
        Assert.Equal(20, _x.Instrument(camp).LastPrice);
        Assert.Equal(IpoPhase.None, Ipo(camp).Phase);
        Assert.Equal(990, Treasury(camp));
    }

    [Fact]
    public void A_pre_open_that_ends_in_a_close_takes_the_pool_out_of_the_book_again()
    {
        var camp = ListCamp(1_000);
        var alice = Trader("alice");
        Do(new SetMarketOverride(MarketOverride.PreOpen, "test"));
        Buy(alice, camp, 10, 20);
        var mark = _x.Mark;
        Do(new SetMarketOverride(MarketOverride.ForceClose, "test"));
        Assert.Equal(new IpoView(IpoPhase.WaitingForAuction, 20, 1_000), Ipo(camp));
        Assert.Empty(_x.Depth(camp, Side.Sell));
        Assert.Equal(0, _x.ReservedShares(SystemAccounts.Treasury, camp));
        Assert.Empty(_x.EventsSince(mark, EventKind.Trade));

        Do(new SetMarketOverride(MarketOverride.None, "test"));
        Tick(At(8, 50));
        Assert.Equal(IpoPhase.InAuction, Ipo(camp).Phase);
    }

    [Fact]
    public void Staff_can_replace_the_waiting_pool_with_a_standing_offer_or_withdraw_it()
    {
        var camp = ListCamp(1_000);
        var offer = Do(new SetIpoOffer(camp, 22, 400, "staff"));
        Assert.Equal(0, offer.Detail1); // the treasury already holds the shares: none issued
        Assert.Equal(new IpoView(IpoPhase.Standing, 22, 400), Ipo(camp));
        Tick(At(8, 50));
        Assert.Equal(new IpoView(IpoPhase.Standing, 22, 400), Ipo(camp)); // a standing offer does not join the auction
        Tick(At(9));
        Assert.Equal(new IpoView(IpoPhase.Standing, 22, 400), Ipo(camp)); // nor is it withdrawn at the open

        var other = (int)Do(new ListInstrument("ZOO", "Zoo", 10, 500) { IpoInOpeningAuction = true }).Id;
        Assert.Equal(IpoPhase.WaitingForAuction, Ipo(other).Phase);
        Do(new WithdrawIpo(other));
        Assert.Equal(IpoPhase.None, Ipo(other).Phase);
        Assert.Equal(500, Treasury(other));
        _x.Reject(new WithdrawIpo(other), RejectCode.OrderUnknown);
    }

    [Fact]
    public void A_listing_without_the_flag_is_a_standing_ask_as_before_and_its_json_is_unchanged()
    {
        var old = new ListInstrument("OLD", "Old Co", 20, 1_000);
        Assert.DoesNotContain("ipoInOpeningAuction", CommandSerializer.Serialize(old), StringComparison.OrdinalIgnoreCase);
        var json = CommandSerializer.Serialize(old with { IpoInOpeningAuction = true });
        Assert.Contains("\"ipoInOpeningAuction\":true", json);
        Assert.True(((ListInstrument)CommandSerializer.Deserialize(json)).IpoInOpeningAuction);

        var id = (int)Do(old).Id;
        Assert.Equal(new IpoView(IpoPhase.Standing, 20, 1_000), Ipo(id));
        Assert.Equal([(20L, 1_000L, 1)], _x.Depth(id, Side.Sell));
        var snapshot = Encoding.UTF8.GetString(CommandSerializer.SerializeSnapshot(_x.Engine.CreateSnapshot()));
        Assert.DoesNotContain("ipoAuctionShares", snapshot, StringComparison.OrdinalIgnoreCase); // old snapshots hash the same
    }

    [Fact]
    public void A_snapshot_and_a_journal_replay_give_the_same_state_at_every_phase_of_the_pool()
    {
        var camp = ListCamp(1_000);
        var alice = Trader("alice");
        AssertRestoresAndReplays(); // waiting
        Tick(At(8, 52));
        Buy(alice, camp, 100, 21);
        AssertRestoresAndReplays(); // in the auction
        Tick(At(9));
        AssertRestoresAndReplays(); // allocated and withdrawn
        Assert.Equal(100, _x.Shares(alice, camp));
    }

    private void AssertRestoresAndReplays()
    {
        var snapshot = CommandSerializer.DeserializeSnapshot(CommandSerializer.SerializeSnapshot(_x.Engine.CreateSnapshot()));
        var restored = ExchangeEngine.Restore(snapshot);
        Assert.Equal(EngineStateHash.Of(_x.Engine), EngineStateHash.Of(restored));

        var replay = new ExchangeEngine();
        for (var k = 0; k < _journal.Count; k++)
            replay.Apply(k + 1, _stamps[k], CommandSerializer.Deserialize(CommandSerializer.Serialize(_journal[k])));
        Assert.Equal(EngineStateHash.Of(_x.Engine), EngineStateHash.Of(replay));
    }
}
