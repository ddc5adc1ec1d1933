using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Ledger;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using Xunit.Abstractions;

namespace CampTrading.Tests.Core.Feeds;

/// <summary>
/// A random session of feed instruments next to a camp stock: prices that walk and go quiet, market and limit orders, cancels,
/// pauses, reconfigurations, grants and fines, session changes. The invariant is checked after every command; then the same
/// commands replayed on a fresh engine and on one restored from a mid-run snapshot must give the same results and state.
/// </summary>
public class FeedRandomizedTests(ITestOutputHelper output)
{
    private const int CommandCount = 20_000;

    private readonly record struct Stamped(long Time, Command Command);

    [Theory]
    [InlineData(24)]
    [InlineData(20261202)]
    public void Random_feed_trading_conserves_points_and_units_and_replays_identically(int seed)
    {
        var random = new Random(seed);
        var x = new TestExchange();
        var stamped = new List<Stamped>();
        var results = new List<CommandResult>();
        CommandResult Run(Command command, long? at = null)
        {
            var time = at ?? x.Now + random.Next(1, 400) * TimeSpan.TicksPerMillisecond;
            stamped.Add(new(time, command));
            var result = x.ApplyAt(time, command);
            results.Add(result);
            return result;
        }

        // Every command so far went through Run except the harness's own opening override: record it.
        stamped.Insert(0, new(x.Now, new SetMarketOverride(MarketOverride.ForceOpen, "test")));
        results.Insert(0, CommandResult.Ok());

        var btc = (int)Run(ListFeedInstrument.Of("BTC", "Bitcoin", FeedTestKit.BtcTerms, FeedTestKit.BtcSource, "t")).Id;
        var eth = (int)Run(ListFeedInstrument.Of("ETH", "Ether", new FeedTerms(100, 25, 1, 50, 5_000, 20_000, 5),
            FeedTestKit.BtcSource with { Symbol = "ETHUSDT" }, "t")).Id;
        var camp = (int)Run(new ListInstrument("CAMP", "Camp", 20, 10_000)).Id;
        int[] feeds = [btc, eth];
        var prices = new Dictionary<int, long> { [btc] = 90_000, [eth] = 3_000 };
        var students = Enumerable.Range(0, 12).Select(i => (int)Run(new OpenAccount($"s{i}")).Id).ToArray();
        foreach (var s in students) Run(new Grant(s, Assets.Points, 300_000, "start", "t"));

        var counts = new Dictionary<string, int>();
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;

        var snapshotAt = CommandCount / 2;
        string? midSnapshot = null;
        var midIndex = 0;
        while (stamped.Count < CommandCount)
        {
            if (stamped.Count >= snapshotAt && midSnapshot is null)
            {
                midSnapshot = JsonSerializer.Serialize(x.Engine.CreateSnapshot());
                midIndex = stamped.Count;
            }
            var feed = feeds[random.Next(feeds.Length)];
            var student = students[random.Next(students.Length)];
            var roll = random.Next(100);
            CommandResult r;
            if (roll < 30)
            {
                prices[feed] = Math.Max(10, prices[feed] + random.Next(-200, 201) * prices[feed] / 10_000);
                r = Run(new FeedPrice(feed, prices[feed], x.Now));
                Count("price");
            }
            else if (roll < 45) r = Run(new PlaceOrder(student, feed, Side.Buy, OrderType.Market, random.Next(1, 300)));
            else if (roll < 55) r = Run(new PlaceOrder(student, feed, Side.Sell, OrderType.Market, random.Next(1, 300)));
            else if (roll < 75)
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                var limit = prices[feed] * random.Next(9_700, 10_300) / 10_000;
                var tif = random.Next(5) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc;
                r = Run(new PlaceOrder(student, feed, side, OrderType.Limit, random.Next(1, 300), limit, tif));
            }
            else if (roll < 82)
            {
                var open = x.Instrument(feed).Feed!.Orders;
                var victim = open.Count == 0 ? null : open[random.Next(open.Count)];
                // now and then someone else's order: refused as not theirs
                r = victim is null ? Run(new Tick()) : Run(new CancelOrder(random.Next(10) == 0 ? student : victim.AccountId, victim.Id));
                Count("cancel");
            }
            else if (roll < 86) r = Run(new Tick(), x.Now + random.Next(1, 15) * TimeSpan.TicksPerSecond); // let feeds go stale
            else if (roll < 88) r = Run(new SetFeedControl(feed, random.Next(3) == 0 ? FeedControl.Pause : FeedControl.Resume, "t"));
            else if (roll < 89)
            {
                var terms = FeedTestKit.BtcTerms with { FeeBps = random.Next(0, 40), SpreadBps = random.Next(0, 60), MinFee = random.Next(0, 10) };
                r = Run(ConfigureFeedInstrument.Of(feed, terms with { UnitsPerWhole = x.Instrument(feed).Feed!.Terms.UnitsPerWhole,
                    MaxOrderUnits = x.Instrument(feed).Feed!.Terms.MaxOrderUnits, MaxPositionUnits = x.Instrument(feed).Feed!.Terms.MaxPositionUnits }, FeedTestKit.BtcSource, "t"));
            }
            else if (roll < 92) r = Run(new Grant(student, Assets.Points, random.Next(2) == 0 ? 50_000 : -random.Next(1, 100_000), "r", "t"));
            else if (roll < 94) r = Run(new Grant(student, feed, random.Next(1, 50), "r", "t"));
            else if (roll < 97) r = Run(new PlaceOrder(student, camp, Side.Buy, OrderType.Limit, random.Next(1, 20), random.Next(18, 23)));
            else if (roll < 99) r = Run(new SetMarketOverride(random.Next(4) == 0 ? MarketOverride.ForceClose : MarketOverride.ForceOpen, "t"));
            else r = Run(new SetMarketOverride(MarketOverride.ForceOpen, "t"));
            Count(r.IsOk ? $"ok" : r.Code.ToString());
            if (r is { IsOk: true, Filled: > 0 }) Count("fill");
            if (stamped[^1].Command is PlaceOrder && r is { IsOk: true, Status: OrderStatus.Open }) Count("rest");
        }
        Run(new Settle(SettlementPriceMode.LastPrice, null, "t"));
        var finalJson = JsonSerializer.Serialize(x.Engine.CreateSnapshot());
        LedgerAudit.Verify(x.Engine);

        output.WriteLine(string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        Assert.True(counts.GetValueOrDefault("fill") > 1_000);
        Assert.True(counts.GetValueOrDefault("rest") > 200);
        foreach (var code in new[] { RejectCode.FeedStale, RejectCode.FeedPaused, RejectCode.InsufficientShares, RejectCode.MarketClosed })
            Assert.True(counts.GetValueOrDefault(code.ToString()) > 0, $"{code} never happened: " + string.Join(", ", counts));

        // Replay from genesis: same results, same state.
        var replay = new ExchangeEngine();
        for (var i = 0; i < stamped.Count; i++)
        {
            var result = replay.Apply(i + 1, stamped[i].Time, stamped[i].Command);
            Assert.True(results[i] == result, $"command {i} {stamped[i].Command}: {results[i]} then {result}");
        }
        Assert.Equal(finalJson, JsonSerializer.Serialize(replay.CreateSnapshot()));

        // Restore the mid-run snapshot and replay the rest.
        var restored = ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(midSnapshot!)!);
        Assert.Equal(midSnapshot, JsonSerializer.Serialize(restored.CreateSnapshot()));
        for (var i = midIndex; i < stamped.Count; i++)
        {
            var result = restored.Apply(i + 1, stamped[i].Time, stamped[i].Command);
            Assert.True(results[i] == result, $"restored, command {i}: {results[i]} then {result}");
        }
        Assert.Equal(finalJson, JsonSerializer.Serialize(restored.CreateSnapshot()));
        Assert.Empty(InvariantChecker.Check(restored));
    }
}
