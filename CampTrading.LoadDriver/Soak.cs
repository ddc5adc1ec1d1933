using System.Diagnostics;
using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;
using CampTrading.Web.Exchange;

namespace CampTrading.LoadDriver;

/// <summary>
/// The crash soak, run by hand (scripts/soak.sh): cycle after cycle, this driver starts itself as a crash child (the
/// durable path under every kind of command: orders, cancels, grants, transfers, arcade, QR, duels), lets it run to a
/// random moment after its first acknowledgement and SIGKILLs it; every <c>cycles / pg-kills</c> cycles it SIGKILLs
/// PostgreSQL's whole process group instead (then the child) and starts PostgreSQL again, which recovers from its WAL.
/// After every restart the child's recovered journal must reach the highest sequence number ever acknowledged; at the end
/// the whole journal is replayed: every acknowledged command is there with the result its caller was told, the invariant
/// holds, and recovery from the latest snapshot gives the same state as the full replay.
/// </summary>
internal static class Soak
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var cycles = args.Int("cycles", 100);
        var pgKills = args.Int("pg-kills", 0);
        var pgData = args.Text("pg-data", "");
        var pgCtl = Path.Combine(args.Text("pg-bin", "/usr/lib/postgresql/15/bin"), "pg_ctl");
        if (pgKills > 0 && (pgData.Length == 0 || !File.Exists(pgCtl)))
        {
            Console.Error.WriteLine("--pg-kills needs --pg-data <the server's data directory> and --pg-bin <folder of pg_ctl>");
            return 2;
        }
        var random = new Random(args.Int("seed", 2026));
        var acknowledged = new Dictionary<long, string>();
        long highest = 0;
        var postgresKilled = 0;
        var clock = Stopwatch.StartNew();

        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var killPostgres = pgKills > 0 && cycle % Math.Max(1, cycles / pgKills) == 0 && postgresKilled < pgKills;
            var run = await RunChildAsync(args.Connection, TimeSpan.FromMilliseconds(200 + random.Next(1_300)),
                killPostgres ? () => KillPostgresAsync(pgData, pgCtl, random) : null);
            if (run.Recovered < highest)
            {
                Console.WriteLine($"LOST: cycle {cycle} recovered the journal to seq {run.Recovered}, but seq {highest} was acknowledged");
                return 1;
            }
            foreach (var (seq, result) in run.Acks)
            {
                if (!acknowledged.TryAdd(seq, result))
                {
                    Console.WriteLine($"seq {seq} was acknowledged twice");
                    return 1;
                }
                highest = Math.Max(highest, seq);
            }
            if (killPostgres) postgresKilled++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cycle {cycle,4}: recovered to {run.Recovered,8}, {run.Acks.Count,6} acknowledged, then SIGKILL {(killPostgres ? "PostgreSQL and the app" : "the app")}"));
        }

        var verdict = await VerifyAsync(args.Connection, acknowledged);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {cycles} app kills ({postgresKilled} with PostgreSQL), {acknowledged.Count:N0} acknowledged commands, {verdict.Lost} lost, {verdict.Different} answered differently on replay, invariant {(verdict.Invariant ? "holds" : "BROKEN")}, snapshot recovery {(verdict.SnapshotAgrees ? "agrees" : "DIFFERS")}; {clock.Elapsed.TotalMinutes:F1} min"));
        return verdict.Lost == 0 && verdict.Different == 0 && verdict.Invariant && verdict.SnapshotAgrees ? 0 : 1;
    }

    private sealed record ChildRun(long Recovered, List<(long Seq, string Result)> Acks);

    /// <summary>Runs one crash child until <paramref name="runFor"/> after its first acknowledgement, then SIGKILLs it (after <paramref name="killFirst"/>, if any).</summary>
    private static async Task<ChildRun> RunChildAsync(string connection, TimeSpan runFor, Func<Task>? killFirst)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            ArgumentList = { "crash-child", "--conn", connection, "--snapshot-every", "2000", "--mix", "every-kind" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash child");
        var acks = new List<(long, string)>();
        long recovered = -1;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        child.OutputDataReceived += (_, e) =>
        {
            var parts = e.Data?.Split(' ');
            if (parts is ["ready", var seq])
            {
                recovered = long.Parse(seq, CultureInfo.InvariantCulture);
                ready.TrySetResult();
            }
            // Only complete lines count: a line cut short by the kill was never fully promised.
            if (parts is ["ack", var acked, var code, var id, var filled, var remaining, "end"])
            {
                lock (acks) acks.Add((long.Parse(acked, CultureInfo.InvariantCulture), $"{code} {id} {filled} {remaining}"));
                firstAck.TrySetResult();
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        await Task.WhenAny(ready.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (!ready.Task.IsCompleted)
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the crash child did not recover: {errors}");
        }
        await Task.WhenAny(firstAck.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        await Task.Delay(runFor);
        try
        {
            if (killFirst is not null) await killFirst();
        }
        finally
        {
            child.Kill(entireProcessTree: true); // SIGKILL
            await child.WaitForExitAsync();
        }
        lock (acks) return new ChildRun(recovered, [.. acks]);
    }

    /// <summary>SIGKILL to the postmaster's process group (every backend with it), a moment of the app seeing it gone, then a restart.</summary>
    private static async Task KillPostgresAsync(string dataDirectory, string pgCtl, Random random)
    {
        var pid = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        // The server starts again with the options it runs with now (port, socket folder): postmaster.opts holds its command line.
        var commandLine = File.ReadAllText(Path.Combine(dataDirectory, "postmaster.opts")).Trim();
        var options = commandLine[(commandLine.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        using (var kill = Process.Start("kill", ["-9", "--", $"-{pid}"])) await kill.WaitForExitAsync();
        // Until the dead postmaster is reaped, its PID still answers and PostgreSQL would not start over its lock file.
        for (var waited = 0; waited < 600 && File.Exists($"/proc/{pid}/stat"); waited++) await Task.Delay(50);
        await Task.Delay(random.Next(500));
        var start = new ProcessStartInfo(pgCtl) { ArgumentList = { "start", "-w", "-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "soak.log") } };
        // pg_ctl refuses to run as root: the server's owner starts it again.
        if (Environment.UserName == "root")
        {
            var owner = new ProcessStartInfo("stat") { ArgumentList = { "-c", "%U", dataDirectory }, RedirectStandardOutput = true };
            using var stat = Process.Start(owner)!;
            var user = (await stat.StandardOutput.ReadToEndAsync()).Trim();
            start = new ProcessStartInfo("runuser") { ArgumentList = { "-u", user, "--", pgCtl, "start", "-w", "-D", dataDirectory, "-o", options, "-l", Path.Combine(dataDirectory, "soak.log") } };
        }
        start.RedirectStandardOutput = true;
        using var started = Process.Start(start)!;
        await started.StandardOutput.ReadToEndAsync();
        await started.WaitForExitAsync();
        if (started.ExitCode != 0) throw new InvalidOperationException($"PostgreSQL did not start again (pg_ctl exited {started.ExitCode}); see {dataDirectory}/soak.log");
    }

    private sealed record Verdict(int Lost, int Different, bool Invariant, bool SnapshotAgrees);

    private static async Task<Verdict> VerifyAsync(string connection, Dictionary<long, string> acknowledged)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(connection);
        var journal = new PostgresJournal(db);
        var engine = new ExchangeEngine();
        var replayed = new Dictionary<long, string>();
        await foreach (var entry in journal.ReadAfterAsync(0, default))
        {
            if (entry.Seq != engine.LastSeq + 1) throw new InvalidOperationException($"the journal jumps from {engine.LastSeq} to {entry.Seq}");
            var r = engine.Apply(entry.Seq, entry.Time, entry.Command);
            engine.Events.Clear();
            replayed[entry.Seq] = $"{RejectCodes.Code(r.Code)} {r.Id} {r.Filled} {r.Remaining}";
        }
        var lost = acknowledged.Keys.Count(seq => !replayed.ContainsKey(seq));
        var different = acknowledged.Count(a => replayed.TryGetValue(a.Key, out var again) && again != a.Value);
        var (fromSnapshot, _) = await EngineRecovery.RecoverAsync(journal, new PostgresSnapshotStore(db), new EngineSettings(), [], default);
        return new Verdict(lost, different, InvariantChecker.Check(engine).Count == 0, EngineStateHash.Of(engine) == EngineStateHash.Of(fromSnapshot));
    }
}
