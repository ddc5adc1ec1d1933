using System.Diagnostics;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Web.Exchange;

namespace CampTrading.LoadDriver;

/// <summary>
/// Start-up cost: writes a journal of N commands (set-up plus the usual mix), then times recovery
/// from the journal alone and from a snapshot taken 10% before the end.
/// </summary>
internal static class RecoveryTiming
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var total = args.Long("commands", 1_000_000);
        var accounts = args.Int("accounts", 1_000);
        await using var dataSource = await Harness.OpenDatabaseAsync(args.Connection);
        var journal = new PostgresJournal(dataSource);
        var snapshots = new PostgresSnapshotStore(dataSource);

        var write = Stopwatch.StartNew();
        var engine = new ExchangeEngine();
        var snapshotAt = total - total / 10;
        var batch = new List<JournalEntry>();
        long seq = 0;
        var time = DateTimeOffset.UtcNow.UtcTicks;
        foreach (var command in Commands(accounts, total))
        {
            seq++;
            var entry = new JournalEntry(seq, time + seq * 10, command);
            engine.Apply(entry.Seq, entry.Time, entry.Command);
            engine.Events.Clear();
            batch.Add(entry);
            if (batch.Count == 10_000) { await journal.AppendAsync(batch, CancellationToken.None); batch.Clear(); }
            if (seq == snapshotAt) await snapshots.SaveAsync(engine.CreateSnapshot(), CancellationToken.None);
        }
        await journal.AppendAsync(batch, CancellationToken.None);
        Console.WriteLine($"journal of {seq:N0} commands written in {write.Elapsed.TotalSeconds:F1} s ({engine.OpenOrderCount:N0} open orders at the end)");

        var (_, fromJournal) = await EngineRecovery.RecoverAsync(journal, null, new EngineSettings(), [], CancellationToken.None);
        Console.WriteLine($"recovery without snapshot: {fromJournal.ReplayedCommands:N0} commands replayed in {fromJournal.Elapsed.TotalSeconds:F2} s");
        var (_, fromSnapshot) = await EngineRecovery.RecoverAsync(journal, snapshots, new EngineSettings(), [], CancellationToken.None);
        Console.WriteLine($"recovery with snapshot at {fromSnapshot.SnapshotSeq:N0}: {fromSnapshot.ReplayedCommands:N0} commands replayed in {fromSnapshot.Elapsed.TotalSeconds:F2} s");
        return 0;
    }

    private static IEnumerable<Command> Commands(int accounts, long total)
    {
        yield return new ListInstrument("LOAD", "Load test", 20, 0);
        yield return new SetTradingRules(new CampTrading.Core.Market.TradingRules { BandPercent = 50, MaxOrderQuantity = 1_000, DailyOrderLimit = int.MaxValue }, "load");
        yield return new SetMarketOverride(CampTrading.Core.Market.MarketOverride.ForceOpen, "load");
        yield return new RegisterArcadeMachine("load", "load-key-hash", "load");
        for (var i = 0; i < accounts; i++)
        {
            yield return new OpenAccount($"load{i}");
            yield return new Grant(Harness.FirstAccount + i, 0, 1_000_000_000, "load", "load");
            yield return new Grant(Harness.FirstAccount + i, Harness.Instrument, 10_000_000, "load", "load");
        }
        var mix = new CommandMix(7, accounts);
        for (var n = 4 + 3L * accounts; n < total; n++) yield return mix.Next();
    }
}
