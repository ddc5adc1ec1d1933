using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Settlement;

/// <summary>Final settlement: orders and duels end, holdings become points, the market stays shut.</summary>
public class SettlementTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _byte;
    private readonly int _alice;
    private readonly int _bob;
    private readonly int _carol;

    public SettlementTests()
    {
        _camp = _x.List("CAMP", 20, 10_000);  // the treasury's IPO ask rests
        _byte = _x.List("BYTE", 50, 0);
        _alice = _x.OpenAccount("alice", 5_000);
        _bob = _x.OpenAccount("bob", 5_000);
        _carol = _x.OpenAccount("carol", 5_000);
        _x.GrantShares(_alice, _byte, 40);
        _x.GrantShares(_bob, _byte, 10);
    }

    /// <summary>Alice buys 100 CAMP from the IPO at 20; BYTE trades at 55 (bob buys 10 from alice).</summary>
    private void Trade()
    {
        Assert.Equal(100, _x.Buy(_alice, _camp, 100, 20).Filled);
        _x.Sell(_alice, _byte, 10, 55);
        Assert.Equal(10, _x.Buy(_bob, _byte, 10, 55).Filled);
    }

    private long NetWorth(int account, long campPrice, long bytePrice) =>
        _x.Points(account) + _x.Shares(account, _camp) * campPrice + _x.Shares(account, _byte) * bytePrice - _x.Account(account).Debt;

    private void AssertNothingOutstanding()
    {
        Assert.Equal(0, _x.Engine.OpenOrderCount);
        Assert.Equal(0, _x.Engine.ActiveDuelCount);
        foreach (var account in _x.Engine.Accounts())
        {
            for (var asset = 0; asset <= _x.Engine.Instruments.Count; asset++) Assert.Equal(0, account.ReservedOf(asset));
            foreach (var instrument in _x.Engine.Instruments) Assert.Equal(0, account.Balance(instrument.Id)); // no share outstanding anywhere
        }
    }

    [Fact]
    public void Last_price_settlement_pays_holdings_at_the_last_trade_and_conserves_everything()
    {
        Trade();
        _x.Buy(_carol, _byte, 5, 50);         // resting orders on both sides
        _x.Sell(_bob, _byte, 5, 60);
        var worth = new[] { _alice, _bob, _carol }.ToDictionary(a => a, a => NetWorth(a, 20, 55));
        var mark = _x.Mark;

        var r = _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));

        Assert.Equal(100 + 30 + 20, r.Filled);          // shares converted by people
        Assert.Equal(100 * 20 + 50 * 55, r.FilledValue);
        foreach (var (account, before) in worth) Assert.Equal(before, _x.Points(account));
        Assert.Equal(7_200, _x.Points(_alice));         // 5000 − 2000 + 550 + 100×20 + 30×55
        AssertNothingOutstanding();
        Assert.Equal(-r.FilledValue, _x.Points(SystemAccounts.Settlement));

        var cancelled = _x.EventsSince(mark, EventKind.OrderCancelled);
        Assert.Equal(3, cancelled.Length);              // the IPO ask, carol's bid, bob's ask
        Assert.All(cancelled, e => Assert.Equal(CancelReason.Settlement, e.CancelReason));
        Assert.Contains(cancelled, e => e.Account == SystemAccounts.Treasury);
        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Settlement, e.LedgerKind));
        Assert.Contains(ledger, e => e.Account == SystemAccounts.Treasury && e.Asset == _camp && e.Amount == -9_900); // unsold pool back
        var settled = Assert.Single(_x.EventsSince(mark, EventKind.MarketSettled));
        Assert.Equal(r.FilledValue, settled.Amount);
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.True(_x.Engine.IsSettled);
        Assert.All(_x.Engine.Instruments, i => Assert.False(i.Tradable));
        LedgerAudit.Verify(_x.Engine);
    }

    [Fact]
    public void Without_trades_the_mark_price_is_the_ipo_price()
    {
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        Assert.Equal(5_000 + 40 * 50, _x.Points(_alice));
        Assert.Equal(5_000 + 10 * 50, _x.Points(_bob));
    }

    [Fact]
    public void Fixed_prices_are_used_as_given_including_zero()
    {
        Trade();
        _x.Ok(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 0, [_byte] = 70 }, "admin"));
        Assert.Equal(3_000 + 550 + 30 * 70, _x.Points(_alice));
        Assert.Equal(5_000 - 550 + 20 * 70, _x.Points(_bob));
        AssertNothingOutstanding();
    }

    [Fact]
    public void Unusable_requests_are_refused_and_change_nothing()
    {
        Trade();
        _x.Reject(new Settle(SettlementPriceMode.Fixed, null, "admin"), RejectCode.InvalidCommand);
        _x.Reject(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 20 }, "admin"), RejectCode.InvalidPrice);
        _x.Reject(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 20, [_byte] = -1 }, "admin"), RejectCode.InvalidPrice);
        _x.Reject(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 20, [_byte] = Instrument.MaxPrice + 1 }, "admin"), RejectCode.InvalidPrice);
        _x.Reject(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 20, [_byte] = 5, [99] = 1 }, "admin"), RejectCode.InstrumentUnknown);
        _x.Reject(new Settle((SettlementPriceMode)7, null, "admin"), RejectCode.InvalidCommand);
        _x.Reject(new Settle(SettlementPriceMode.LastPrice, null, " "), RejectCode.InvalidCommand);
        Assert.False(_x.Engine.IsSettled);
    }

    [Fact]
    public void Settling_twice_is_refused()
    {
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        _x.Reject(new Settle(SettlementPriceMode.LastPrice, null, "admin"), RejectCode.MarketSettled);
        _x.Reject(new Settle(SettlementPriceMode.Fixed, new Dictionary<int, long> { [_camp] = 1, [_byte] = 1 }, "admin"), RejectCode.MarketSettled);
    }

    [Fact]
    public void Trading_and_duels_stay_closed_for_good()
    {
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        _x.Reject(new SetMarketOverride(MarketOverride.ForceOpen, "admin"), RejectCode.MarketSettled); // the market cannot be reopened
        _x.Reject(new SetSchedule([new(_x.NowUtc, _x.NowUtc.AddHours(1))], "admin"), RejectCode.MarketSettled);
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20), RejectCode.MarketSettled);
        _x.Reject(new PlaceOrder(_alice, _byte, Side.Sell, OrderType.Market, 1), RejectCode.MarketSettled);
        _x.Reject(new CreateDuel(_alice, null, 10, DuelGame.CoinFlip), RejectCode.MarketSettled);
        _x.Reject(new AcceptDuel(1, _bob, 0), RejectCode.DuelUnknown);
    }

    [Fact]
    public void Open_and_accepted_duels_are_refunded()
    {
        var open = _x.Ok(new CreateDuel(_alice, null, 300, DuelGame.RockPaperScissors)).Id;
        var accepted = _x.Ok(new CreateDuel(_bob, null, 200, DuelGame.RockPaperScissors)).Id;
        _x.Ok(new AcceptDuel(accepted, _carol, 0));
        var mark = _x.Mark;

        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));

        var duels = _x.EventsSince(mark, EventKind.DuelChanged);
        Assert.Equal([open, accepted], duels.Select(e => e.Reference).ToArray());
        Assert.All(duels, e => Assert.Equal((byte)DuelState.Cancelled, e.Code));
        Assert.Equal(5_000, _x.Points(_carol));
        AssertNothingOutstanding();
    }

    [Fact]
    public void Settlement_proceeds_repay_debt_first()
    {
        var poor = _x.OpenAccount("poor", 100);
        _x.GrantShares(poor, _byte, 30);                      // worth 1,500 at the IPO price
        _x.Ok(new Grant(poor, Assets.Points, -1_000, "fine", "staff")); // takes 100, owes 900
        Assert.Equal(900, _x.Account(poor).Debt);
        var mark = _x.Mark;

        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));

        Assert.Equal(0, _x.Account(poor).Debt);
        Assert.Equal(600, _x.Points(poor));
        var entries = _x.EventsSince(mark, EventKind.Ledger).Where(e => e.Account == poor && e.Asset == Assets.Points).ToArray();
        Assert.Equal([LedgerKind.Settlement, LedgerKind.DebtRepayment], entries.Select(e => e.LedgerKind).ToArray());
        Assert.Equal([1_500L, -900L], entries.Select(e => e.Amount).ToArray());
        Assert.Equal(900, _x.Points(SystemAccounts.Fines));
    }

    [Fact]
    public void Proceeds_smaller_than_the_debt_repay_what_they_can()
    {
        var poor = _x.OpenAccount("poor");
        _x.GrantShares(poor, _byte, 2);
        _x.Ok(new Grant(poor, Assets.Points, -500, "fine", "staff"));
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        Assert.Equal(400, _x.Account(poor).Debt);
        Assert.Equal(0, _x.Points(poor));
    }

    [Fact]
    public void A_settled_engine_round_trips_and_stays_settled()
    {
        Trade();
        _x.Ok(new CreateDuel(_alice, null, 300, DuelGame.RockPaperScissors));
        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));

        var json = JsonSerializer.Serialize(_x.Engine.CreateSnapshot(), CommandSerializer.Options);
        var restored = TestExchange.Around(ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json, CommandSerializer.Options)!));

        Assert.Equal(_x.SnapshotJson(), restored.SnapshotJson());
        Assert.True(restored.Engine.IsSettled);
        restored.Reject(new Settle(SettlementPriceMode.LastPrice, null, "admin"), RejectCode.MarketSettled);
        restored.Reject(new PlaceOrder(_bob, _byte, Side.Buy, OrderType.Limit, 1, 50), RejectCode.MarketSettled);
        restored.Reject(new CreateDuel(_bob, null, 1, DuelGame.CoinFlip), RejectCode.MarketSettled);
    }

    [Fact]
    public void A_random_market_settles_to_exactly_its_net_worth_at_the_last_prices()
    {
        var rng = new Random(11);
        var people = Enumerable.Range(0, 10).Select(i => _x.OpenAccount($"p{i}", 3_000)).ToArray();
        foreach (var p in people) _x.GrantShares(p, _byte, 20);
        for (var step = 0; step < 800; step++)
        {
            var p = people[rng.Next(people.Length)];
            var instrument = rng.Next(2) == 0 ? _camp : _byte;
            var reference = _x.Instrument(instrument).ReferencePrice;
            var price = reference + rng.Next(-3, 4);
            var side = (Side)rng.Next(2);
            _x.Apply(rng.Next(10) switch
            {
                0 => new CreateDuel(p, null, rng.Next(1, 200), DuelGame.CoinFlip),
                1 => new AcceptDuel(rng.Next(1, 40), p, rng.Next()),
                _ => new PlaceOrder(p, instrument, side, OrderType.Limit, rng.Next(1, 15), price),
            });
        }
        Assert.True(_x.Engine.OpenOrderCount > 0);
        long camp = _x.Instrument(_camp).MarkPrice, bytes = _x.Instrument(_byte).MarkPrice;
        var worth = people.ToDictionary(p => p, p => NetWorth(p, camp, bytes));

        _x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));

        foreach (var (p, before) in worth) Assert.Equal(before, _x.Points(p) - _x.Account(p).Debt);
        AssertNothingOutstanding();
        LedgerAudit.Verify(_x.Engine);
    }
}
