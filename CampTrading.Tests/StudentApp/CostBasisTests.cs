using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.StudentApp;

/// <summary>Cost basis and P&amp;L (docs/decisions/0007-cost-basis.md): kept by the engine, snapshotted, replayed identically.</summary>
public class CostBasisTests
{
    private static (TestExchange X, int Camp, int Alice, int Bob) Market()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP", 20, 1_000);
        return (x, camp, x.OpenAccount("alice", 10_000), x.OpenAccount("bob", 10_000));
    }

    [Fact]
    public void Buying_adds_what_was_paid_and_selling_drops_the_proportional_part_rounded_down()
    {
        var (x, camp, alice, bob) = Market();
        x.MarketBuy(alice, camp, 10);                    // 10 × 20 from the IPO
        Assert.Equal(200, x.Account(alice).CostBasisOf(camp));

        x.GrantShares(bob, camp, 3);                     // granted shares cost nothing
        Assert.Equal(0, x.Account(bob).CostBasisOf(camp));

        x.Sell(alice, camp, 5, 19);
        x.Buy(bob, camp, 5, 19);                         // bob pays 95 for 5 more
        Assert.Equal(95, x.Account(bob).CostBasisOf(camp));
        Assert.Equal(100, x.Account(alice).CostBasisOf(camp)); // half of 200 went with half the shares
        Assert.Equal(95 - 100, x.Account(alice).RealizedPnl);

        // 8 shares with basis 95: selling 3 releases floor(95 × 3 / 8) = 35.
        x.Sell(bob, camp, 3, 18);
        x.Buy(alice, camp, 3, 18);
        Assert.Equal(60, x.Account(bob).CostBasisOf(camp));
        Assert.Equal(54 - 35, x.Account(bob).RealizedPnl);
        Assert.Equal(100 + 54, x.Account(alice).CostBasisOf(camp));

        // Selling everything releases all of it, whatever the rounding so far.
        x.Sell(bob, camp, 5, 18);
        x.Buy(alice, camp, 5, 18);
        Assert.Equal(0, x.Account(bob).CostBasisOf(camp));
        Assert.Equal(19 + 90 - 60, x.Account(bob).RealizedPnl);
    }

    [Fact]
    public void Taken_and_settled_shares_leave_no_basis_behind_and_system_accounts_keep_none()
    {
        var (x, camp, alice, _) = Market();
        x.MarketBuy(alice, camp, 4);
        x.GrantShares(alice, camp, -1);                   // a fine in shares: a quarter of the basis goes with it
        Assert.Equal(60, x.Account(alice).CostBasisOf(camp));
        Assert.Equal(0, x.Account(alice).RealizedPnl);    // not a sale

        x.Ok(new Settle(SettlementPriceMode.LastPrice, null, "admin"));
        Assert.Equal(0, x.Account(alice).CostBasisOf(camp));
        foreach (var account in x.Engine.Accounts().Where(a => a.IsSystem))
            Assert.Equal(0, account.CostBasisOf(camp));
    }

    [Fact]
    public void The_read_model_shows_average_cost_and_unrealized_and_realized_pnl()
    {
        var (x, camp, alice, bob) = Market();
        var market = new MarketReadModel();
        var mark = x.Mark;
        x.MarketBuy(alice, camp, 3);                       // 60 for 3
        x.Sell(alice, camp, 1, 19);
        x.Buy(bob, camp, 1, 19);                           // alice realizes 19 − 20, last price 19
        market.OnBatch(x.Engine, x.EventsSince(mark));

        var view = market.Account(alice)!;
        var holding = Assert.Single(view.Holdings);
        Assert.Equal(40, holding.CostBasis);
        Assert.Equal(20m, holding.AverageCost);
        Assert.Equal(19, market.Instrument(camp)!.MarkPrice);
        Assert.Equal(2 * 19 - 40, holding.UnrealizedPnl(19));
        Assert.Equal(-1, view.RealizedPnl);
        Assert.Equal(19, Assert.Single(market.Account(bob)!.Holdings).CostBasis);
    }

    [Fact]
    public void Cost_basis_survives_a_snapshot_and_restored_engines_continue_identically()
    {
        var (x, camp, alice, bob) = Market();
        x.MarketBuy(alice, camp, 7);
        x.Sell(alice, camp, 3, 22);
        x.Buy(bob, camp, 2, 22);

        var json = x.SnapshotJson();
        var restored = TestExchange.Around(ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json, TestExchange.Json)!));
        Assert.Equal(json, restored.SnapshotJson());
        Assert.Equal(x.Account(alice).CostBasisOf(camp), restored.Account(alice).CostBasisOf(camp));
        Assert.Equal(x.Account(alice).RealizedPnl, restored.Account(alice).RealizedPnl);

        foreach (var exchange in new[] { x, restored })
        {
            exchange.Buy(bob, camp, 1, 22);
            exchange.Sell(bob, camp, 3, 21);
            exchange.MarketBuy(alice, camp, 3);
        }
        Assert.Equal(x.StateJson(), restored.StateJson());
    }

    /// <summary>
    /// Random trading, grants and fines; the basis of every student position is recomputed from the emitted ledger events
    /// by the rule alone and must match the engine's. Then replay from the start and from a mid-run snapshot agree.
    /// </summary>
    [Theory]
    [InlineData(7)]
    [InlineData(20260701)]
    public void Random_sessions_match_the_rule_recomputed_from_events_and_replay_identically(int seed)
    {
        var rng = new Random(seed);
        var x = new TestExchange();
        var instruments = new[] { x.List("CAMP", 20, 5_000), x.List("BYTE", 50, 2_000) };
        var students = Enumerable.Range(0, 8).Select(i => x.OpenAccount($"s{i}", 20_000)).ToArray();
        var commands = new List<(long Time, Command Command)>();
        var cut = 0;
        string? snapshotAtCut = null;

        for (var n = 0; n < 3_000; n++)
        {
            var who = students[rng.Next(students.Length)];
            var instrument = instruments[rng.Next(instruments.Length)];
            var reference = x.Instrument(instrument).MarkPrice;
            Command command = rng.Next(20) switch
            {
                0 => new Grant(who, instrument, rng.Next(-3, 6) is var q && q != 0 ? q : 1, "test", "test"),
                1 => new CancelOrder(who, rng.Next(1, 200)),
                var k => new PlaceOrder(who, instrument, k % 2 == 0 ? Side.Buy : Side.Sell,
                    k < 6 ? OrderType.Market : OrderType.Limit, rng.Next(1, 15), reference + rng.Next(-2, 3)),
            };
            if (n == 1_500)
            {
                cut = n;
                snapshotAtCut = x.SnapshotJson();
            }
            x.Apply(command);
            commands.Add((x.Now, command));
        }

        var model = new Dictionary<(int Account, int Asset), (long Shares, long Basis)>();
        var pendingTradeValue = new Dictionary<long, long>();
        foreach (var e in x.Engine.Events.Span)
        {
            if (e.Kind == EventKind.Trade) pendingTradeValue[e.Reference] = e.Price * e.Quantity;
            if (e.Kind != EventKind.Ledger || e.Asset == Assets.Points || x.Account(e.Account).IsSystem) continue;
            var (shares, basis) = model.GetValueOrDefault((e.Account, e.Asset));
            if (e.Amount < 0) basis -= -e.Amount >= shares ? basis : basis * -e.Amount / shares;
            else if (e.LedgerKind == LedgerKind.Trade) basis += pendingTradeValue[e.Reference];
            model[(e.Account, e.Asset)] = (shares + e.Amount, basis);
        }
        foreach (var ((account, asset), (shares, basis)) in model)
        {
            Assert.Equal(shares, x.Shares(account, asset));
            Assert.Equal(basis, x.Account(account).CostBasisOf(asset));
            Assert.InRange(basis, 0, long.MaxValue);
        }
        Assert.Contains(model.Values, v => v.Basis > 0);
        Assert.Contains(students, s => x.Account(s).RealizedPnl != 0);

        var restored = TestExchange.Around(ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(snapshotAtCut!, TestExchange.Json)!));
        foreach (var (time, command) in commands.Skip(cut)) restored.ApplyAt(time, command);
        Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());
        Assert.Empty(InvariantChecker.Check(restored.Engine));
    }
}
