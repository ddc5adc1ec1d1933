using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;

namespace CampTrading.Tests.Durability;

/// <summary>
/// A journal written once by the engine of its day (every command type, fixed times) must replay to the same
/// state hash forever after: an engine change that alters how a journaled command applies fails here, and then
/// needs a new <see cref="EngineVersion"/> with the old rules kept for old entries. To write a new golden journal
/// (only for a new engine version, as a new file): run this class with CAMP_WRITE_GOLDEN_JOURNAL=1.
/// </summary>
public sealed class GoldenJournalTests
{
    private const string Name = "journal-v1";
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "CampTrading.Tests", "Durability", "Golden");
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_golden_journal_replays_to_its_state_hash()
    {
        if (Environment.GetEnvironmentVariable("CAMP_WRITE_GOLDEN_JOURNAL") == "1") Write();
        var lines = File.ReadAllLines(Path.Combine(Folder, Name + ".jsonl"));
        var expected = File.ReadAllText(Path.Combine(Folder, Name + ".sha256")).Trim();

        var engine = new ExchangeEngine();
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            Assert.True(root.GetProperty("engine_version").GetInt32() <= EngineVersion.Current);
            engine.Apply(root.GetProperty("seq").GetInt64(), root.GetProperty("ts").GetInt64(),
                CommandSerializer.Deserialize(root.GetProperty("command").GetRawText()));
            engine.Events.Clear();
        }

        Assert.True(lines.Length > 40, "the golden journal holds every command type");
        InvariantChecker.Assert(engine);
        Assert.Equal(0, engine.Faults);
        Assert.Equal(expected, VersionOneStateHash(engine));
    }

    /// <summary>
    /// The state hash as version 1 knew the state: without the requests remembered beside request keys, which came later
    /// (decision 0036; RequestKeyTests checks them) and are serialized only when present.
    /// </summary>
    private static string VersionOneStateHash(ExchangeEngine engine)
    {
        var snapshot = engine.CreateSnapshot();
        var v1 = snapshot with { RequestKeys = [.. snapshot.RequestKeys.Select(r => r with { Request = null })] };
        return Convert.ToHexStringLower(SHA256.HashData(CommandSerializer.SerializeSnapshot(v1)));
    }

    [Fact]
    public void The_state_hash_is_the_same_for_the_same_history_and_differs_for_another()
    {
        static ExchangeEngine Run(long amount)
        {
            var engine = new ExchangeEngine();
            engine.Apply(1, Start.UtcTicks, new OpenAccount("alice"));
            engine.Apply(2, Start.UtcTicks, new Grant(EveryCommandReplayTests.Alice, 0, amount, "start", "admin"));
            return engine;
        }
        Assert.Equal(EngineStateHash.Of(Run(100)), EngineStateHash.Of(Run(100)));
        Assert.NotEqual(EngineStateHash.Of(Run(100)), EngineStateHash.Of(Run(101)));
    }

    /// <summary>Writes the golden journal and its hash from today's engine: the script of every command type, one second apart.</summary>
    private static void Write()
    {
        Directory.CreateDirectory(Folder);
        var engine = new ExchangeEngine();
        var text = new StringBuilder();
        long seq = 0;
        foreach (var command in EveryCommandReplayTests.Script(Start))
        {
            seq++;
            var ts = Start.AddSeconds(seq).UtcTicks;
            var result = engine.Apply(seq, ts, command);
            engine.Events.Clear();
            Assert.True(result.IsOk || command is ArcadeTransaction, $"{command.GetType().Name}: {result.Code}");
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"seq":{{seq}},"ts":{{ts}},"engine_version":{{EngineVersion.Current}},"command":{{CommandSerializer.Serialize(command)}}}""").Append('\n');
        }
        File.WriteAllText(Path.Combine(Folder, Name + ".jsonl"), text.ToString());
        File.WriteAllText(Path.Combine(Folder, Name + ".sha256"), VersionOneStateHash(engine) + "\n");
    }
}
