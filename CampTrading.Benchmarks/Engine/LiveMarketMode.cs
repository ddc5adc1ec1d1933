using System.Diagnostics;
using System.Globalization;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Ledger;
using CampTrading.Core.Trading;

namespace CampTrading.Benchmarks.Engine;

/// <summary>
/// <c>live</c>: what a live market costs the engine on top of W1 (issue 14). The same W1 messages are replayed twice on fresh
/// engines: alone, and interleaved with a feed instrument ticking and the house market maker re-quoting. The feed instrument
/// carries <see cref="RestingFeedOrders"/> resting limit buys below the price (every tick checks each one for a cross); a
/// feed price arrives every <c>--feed-every</c> W1 messages (3,000 ≈ 1,000 prices a second at 3 M messages a second); every
/// <c>--requote-every</c> messages the house cancels its four quotes and places four new ones, two levels a side around 20.
/// Extra placements take order ids, so W1's cancels are re-aimed at the ids their orders get in the mixed run.
/// </summary>
internal static class LiveMarketMode
{
    private const int RestingFeedOrders = 1_000;
    private const long FeedPrice0 = 95_000;
    private const int FeedInstrument = 2;

    /// <summary>W1 with one account fewer, so the share supply has room for the house's inventory.</summary>
    private static readonly WorkloadSpec Spec = WorkloadSpec.W1 with { Accounts = WorkloadSpec.W1.Accounts - 1 };

    public static int Run(string[] args)
    {
        int messages = 2_000_000, runs = 3, feedEvery = 3_000, requoteEvery = 3_000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--messages": messages = value; break;
                case "--runs": runs = value; break;
                case "--feed-every": feedEvery = value; break;
                case "--requote-every": requoteEvery = value; break;
                default: Console.Error.WriteLine($"Unknown option '{args[i]}'."); return 2;
            }
        }
        return Run(messages, runs, feedEvery, requoteEvery) ? 0 : 1;
    }

    public static bool Run(int messages, int runs, int feedEvery, int requoteEvery)
    {
        var w1 = WorkloadGenerator.Generate(Spec, messages);
        var ok = true;
        Console.WriteLine($"live: W1 ({messages:N0} messages) alone, and with a feed price every {feedEvery:N0} and a maker re-quote (4 cancels + 4 quotes) every {requoteEvery:N0}; {RestingFeedOrders:N0} resting feed orders");
        Console.WriteLine("| run | W1 alone msgs/s | W1 + feed + maker: W1 msgs/s | all commands/s | extra commands | feed prices | cost |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        for (var run = 0; run <= runs; run++) // run 0 warms up
        {
            var alone = Time(EngineHarness.Build(Spec), w1.Commands);
            var (prepared, mixed, feedPrices) = Mix(w1.Commands, feedEvery, requoteEvery);
            var live = Time(prepared, mixed);
            var problems = InvariantChecker.Check(prepared.Engine).ToList();
            if (prepared.Engine.FeedOrdersOf(FeedInstrument).Count != RestingFeedOrders) problems.Add("the resting feed orders did not all rest");
            // The W1 orders are the same, so its cancels must find as many open orders within the noise the maker's fills add.
            if (live.Stats.CancelsOk < alone.Stats.CancelsOk * 9 / 10) problems.Add($"cancels hit {live.Stats.CancelsOk:N0} of W1's {alone.Stats.CancelsOk:N0}");
            if (problems.Count > 0) { ok = false; Console.WriteLine("invariants broken: " + string.Join("; ", problems)); }
            if (run == 0) continue;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   cancels hit: alone {alone.Stats.CancelsOk:N0}, live {live.Stats.CancelsOk:N0}; placements refused: alone {alone.Stats.PlacementsRejected:N0}, live {live.Stats.PlacementsRejected:N0}"));
            var w1Rate = messages / alone.Elapsed.TotalSeconds;
            var liveW1Rate = messages / live.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {w1Rate:N0} | {liveW1Rate:N0} | {mixed.Length / live.Elapsed.TotalSeconds:N0} | {mixed.Length - messages:N0} | {feedPrices:N0} | {1 - liveW1Rate / w1Rate:P1} |"));
        }
        Console.WriteLine(ok ? "invariants hold" : "live: FAILED");
        return ok;
    }

    private static (TimeSpan Elapsed, EngineReplayStats Stats) Time(EngineHarness.Prepared prepared, Command[] commands)
    {
        var clock = Stopwatch.StartNew();
        var stats = EngineHarness.Replay(prepared, commands, commands.Length, EngineHarness.DefaultEventBatch);
        return (clock.Elapsed, stats);
    }

    /// <summary>A W1 engine with the feed instrument, its resting orders and a funded house; W1 interleaved with ticks and re-quotes.</summary>
    private static (EngineHarness.Prepared, Command[], int FeedPrices) Mix(Command[] w1, int feedEvery, int requoteEvery)
    {
        var prepared = EngineHarness.Build(Spec);
        var engine = prepared.Engine;
        var seq = prepared.NextSeq;
        void Do(Command command)
        {
            var result = engine.Apply(seq++, EngineHarness.StartTicks, command);
            if (!result.IsOk) throw new InvalidOperationException($"Setup command {command} was refused: {result.Code}.");
        }

        var terms = new FeedTerms(UnitsPerWhole: 1_000, FeeBps: 10, MinFee: 1, SpreadBps: 10, MaxOrderUnits: 1_000_000,
            MaxPositionUnits: 1_000_000_000, StaleAfterSeconds: 3_600);
        Do(ListFeedInstrument.Of("BTC", "Bitcoin", terms, new FeedSourceSettings("replay", "BTCUSDT"), "bench"));
        Do(new FeedPrice(FeedInstrument, FeedPrice0, 1));
        for (var i = 0; i < RestingFeedOrders; i++) // far below the price: they rest all run
            Do(new PlaceOrder(SystemAccounts.FirstUserAccount + i, FeedInstrument, Side.Buy, OrderType.Limit, 1, 50_000 + i));
        var house = (int)engine.Apply(seq++, EngineHarness.StartTicks, new OpenAccount("house", AccountKind.House)).Id;
        Do(new Grant(house, Assets.Points, EngineHarness.PointsPerAccount, "bench", "bench"));
        Do(new Grant(house, 1, EngineHarness.SharesPerAccount / 2, "bench", "bench"));
        engine.Events.Clear();

        var rng = new Random(14);
        var mixed = new List<Command>(w1.Length + w1.Length / Math.Min(feedEvery, requoteEvery) * 9);
        var idOf = new Dictionary<long, long>(); // W1's order id (as generated) → the id the engine gives it here
        long w1Ids = 0, engineIds = RestingFeedOrders;
        var quotes = new List<long>();
        long price = FeedPrice0, feedTime = 1;
        var feedPrices = 0;
        for (var i = 0; i < w1.Length; i++)
        {
            if (i % feedEvery == 0)
            {
                price = Math.Max(60_000, price + rng.Next(-50, 51));
                mixed.Add(new FeedPrice(FeedInstrument, price, ++feedTime));
                feedPrices++;
            }
            if (i % requoteEvery == 0)
            {
                foreach (var id in quotes) mixed.Add(new CancelOrder(house, id));
                quotes.Clear();
                foreach (var (side, at) in new[] { (Side.Buy, 19L), (Side.Buy, 18L), (Side.Sell, 21L), (Side.Sell, 22L) })
                {
                    mixed.Add(new PlaceOrder(house, 1, side, OrderType.Limit, 10, at));
                    quotes.Add(++engineIds);
                }
            }
            switch (w1[i])
            {
                case PlaceOrder order:
                    idOf[++w1Ids] = ++engineIds;
                    mixed.Add(order);
                    break;
                case CancelOrder cancel:
                    mixed.Add(cancel with { OrderId = idOf[cancel.OrderId] });
                    break;
                default:
                    mixed.Add(w1[i]);
                    break;
            }
        }
        return (new EngineHarness.Prepared(engine, seq), mixed.ToArray(), feedPrices);
    }
}
