using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;

namespace CampTrading.Benchmarks.Engine;

/// <summary>What one replay through the engine did, read from the command results (and the event buffer size).</summary>
internal record struct EngineReplayStats(
    long Messages,
    long FilledQuantity,
    long CancelsOk,
    long CancelsRejected,
    long PlacementsRejected,
    long Events)
{
    /// <summary>Folded into one number so a benchmark's work cannot be optimized away.</summary>
    public readonly long Checksum => FilledQuantity ^ (CancelsOk << 20) ^ Events;
}

/// <summary>
/// Builds an engine ready for a workload (not timed) and replays pre-generated commands through
/// <see cref="ExchangeEngine.Apply"/> exactly as the sequencer would: one thread, increasing
/// sequence numbers and times, the event buffer drained every <c>eventBatch</c> messages.
/// </summary>
internal static class EngineHarness
{
    /// <summary>Enough that no order in these workloads is ever refused for funds (checked after every run).</summary>
    public const long PointsPerAccount = 1_000_000_000;
    public const long SharesPerAccount = 100_000_000; // × 10,000 accounts: exactly Supply.MaxShares
    public const long MaxOrderQuantity = 10_000;
    public const int DefaultEventBatch = 1_000;

    /// <summary>2025-07-01 02:00 UTC, 10:00 in Taipei: far from a camp-day boundary.</summary>
    public static readonly long StartTicks = new DateTimeOffset(2025, 7, 1, 2, 0, 0, TimeSpan.Zero).UtcTicks;

    public sealed class Prepared(ExchangeEngine engine, long nextSeq)
    {
        public ExchangeEngine Engine { get; } = engine;
        public long NextSeq { get; } = nextSeq;
    }

    public static TradingRules RulesFor(WorkloadSpec spec) => new()
    {
        BandPercent = spec.BandPercent,
        MaxOrderQuantity = MaxOrderQuantity,
        DailyOrderLimit = int.MaxValue,
        CancelAllAtClose = false,
    };

    public static Prepared Build(WorkloadSpec spec)
    {
        var engine = new ExchangeEngine(new EngineSettings());
        long seq = 0;
        void Do(Command command)
        {
            var result = engine.Apply(++seq, StartTicks, command);
            if (!result.IsOk) throw new InvalidOperationException($"Setup command {command} was refused: {result.Code}.");
        }

        Do(new SetTradingRules(RulesFor(spec), "bench"));
        Do(new ListInstrument("BENCH", "Benchmark Co", spec.IpoPrice, IpoShares: 0));
        for (var i = 0; i < spec.Accounts; i++) Do(new OpenAccount($"bench-{i}"));
        for (var i = 0; i < spec.Accounts; i++)
        {
            var id = SystemAccounts.FirstUserAccount + i;
            Do(new Grant(id, Assets.Points, PointsPerAccount, "benchmark funding", "bench"));
            Do(new Grant(id, 1, SharesPerAccount, "benchmark funding", "bench"));
        }
        Do(new SetMarketOverride(MarketOverride.ForceOpen, "bench"));
        engine.Events.Clear();

        var instrument = engine.FindInstrument(1)!;
        if (engine.AccountCount != spec.Accounts || engine.Session != SessionState.Open || engine.OpenOrderCount != 0
            || instrument.BandLow(spec.BandPercent) != spec.BandLow || instrument.BandHigh(spec.BandPercent) != spec.BandHigh)
            throw new InvalidOperationException("The benchmark engine is not set up as the workload expects.");
        return new Prepared(engine, seq + 1);
    }

    /// <summary>The timed part: applies <paramref name="count"/> commands and drains events every <paramref name="eventBatch"/>.</summary>
    public static EngineReplayStats Replay(Prepared prepared, Command[] commands, int count, int eventBatch)
    {
        var engine = prepared.Engine;
        var events = engine.Events;
        var seq = prepared.NextSeq;
        var time = StartTicks;
        long filled = 0, cancelsOk = 0, cancelsRejected = 0, placementsRejected = 0, eventCount = 0;
        var inBatch = 0;

        for (var i = 0; i < count; i++)
        {
            var r = engine.Apply(seq++, time++, commands[i]);
            if (r.Code == RejectCode.None)
            {
                if (r.CancelReason == Core.Trading.CancelReason.ByOwner) cancelsOk++;
                else filled += r.Filled;
            }
            else if (r.Code is RejectCode.OrderUnknown or RejectCode.OrderNotOwned) cancelsRejected++;
            else placementsRejected++;

            if (++inBatch == eventBatch)
            {
                eventCount += events.Count;
                events.Clear();
                inBatch = 0;
            }
        }
        eventCount += events.Count;
        events.Clear();
        return new EngineReplayStats(count, filled, cancelsOk, cancelsRejected, placementsRejected, eventCount);
    }

    /// <summary>Trades executed so far (not timed: reads a snapshot).</summary>
    public static long TradeCount(ExchangeEngine engine) => engine.CreateSnapshot().NextTradeId - 1;
}
