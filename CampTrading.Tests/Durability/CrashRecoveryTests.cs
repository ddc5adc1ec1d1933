using System.Diagnostics;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Exchange;
using Npgsql;
using Xunit.Abstractions;

namespace CampTrading.Tests.Durability;

/// <summary>
/// kill -9 at random moments under load, many times: every acknowledged command is in the
/// journal with the result the caller was told, nothing is half-applied, invariants hold.
/// </summary>
public sealed class CrashRecoveryTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Cycles = 8;

    [Fact]
    public async Task Sigkill_under_load_never_loses_an_acknowledged_command()
    {
        var connection = await postgres.CreateDatabaseAsync("crash");
        var acknowledged = new Dictionary<long, string>();
        var random = new Random(2026);

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var acks = await RunAndKillAsync(connection, TimeSpan.FromMilliseconds(200 + random.Next(1_300)));
            output.WriteLine($"cycle {cycle}: {acks.Count} acknowledged before SIGKILL");
            Assert.True(acks.Count > 0, "the child acknowledged nothing before it was killed");
            foreach (var (seq, result) in acks) Assert.True(acknowledged.TryAdd(seq, result), $"seq {seq} acknowledged twice");
        }

        await using var db = NpgsqlDataSource.Create(connection);
        var journal = new PostgresJournal(db);
        var engine = new ExchangeEngine();
        var replayed = new Dictionary<long, string>();
        await foreach (var entry in journal.ReadAfterAsync(0, default))
        {
            Assert.Equal(engine.LastSeq + 1, entry.Seq); // no gaps: nothing half-written
            var r = engine.Apply(entry.Seq, entry.Time, entry.Command);
            engine.Events.Clear();
            replayed[entry.Seq] = $"{RejectCodes.Code(r.Code)} {r.Id} {r.Filled} {r.Remaining}";
        }
        InvariantChecker.Assert(engine);

        foreach (var (seq, result) in acknowledged)
        {
            Assert.True(replayed.TryGetValue(seq, out var again), $"acknowledged seq {seq} is missing from the journal");
            Assert.Equal(result, again);
        }

        var (fromSnapshot, report) = await EngineRecovery.RecoverAsync(journal, new PostgresSnapshotStore(db), new EngineSettings(), [], default);
        Assert.True(report.SnapshotSeq > 0, "the crash runs should have left snapshots behind");
        Assert.Equal(DurableExchange.StateJson(engine), DurableExchange.StateJson(fromSnapshot));
        output.WriteLine($"{acknowledged.Count} acknowledged commands verified; journal at seq {engine.LastSeq}; snapshot at {report.SnapshotSeq}");
    }

    private static async Task<List<(long Seq, string Result)>> RunAndKillAsync(string connection, TimeSpan runFor)
    {
        var start = new ProcessStartInfo(RepoPaths.Executable("CampTrading.LoadDriver"))
        {
            ArgumentList = { "crash-child", "--conn", connection, "--snapshot-every", "400" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash child");
        var acks = new List<(long, string)>();
        var errors = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("ready", StringComparison.Ordinal)) ready.TrySetResult();
            var parts = e.Data.Split(' ');
            // Only complete lines count: a line cut short by the kill was never fully promised.
            if (parts is ["ack", var seq, var code, var id, var filled, var remaining, "end"])
            {
                lock (acks) acks.Add((long.Parse(seq, System.Globalization.CultureInfo.InvariantCulture), $"{code} {id} {filled} {remaining}"));
                firstAck.TrySetResult();
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();

        await Task.WhenAny(ready.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(ready.Task.IsCompleted, $"crash child did not start: {errors}");
        // The kill comes at a random moment under load: counted from the first acknowledgement, so a slow start on a busy
        // machine (test classes run in parallel) still leaves acknowledged commands to check.
        await Task.WhenAny(firstAck.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        await Task.Delay(runFor);
        child.Kill(entireProcessTree: true); // SIGKILL
        await child.WaitForExitAsync();
        lock (acks) return [.. acks];
    }
}
