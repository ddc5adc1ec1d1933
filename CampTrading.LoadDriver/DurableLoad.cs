using System.Diagnostics;
using CampTrading.Core.Engine;

namespace CampTrading.LoadDriver;

/// <summary>
/// The durable path end to end: concurrent submitters, group commit to PostgreSQL with fsync on,
/// acknowledgement. Phase 1 is closed-loop (as fast as acks come back); phase 2 offers a fixed
/// rate open-loop and measures acknowledgement latency from the scheduled send time.
/// </summary>
internal static class DurableLoad
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var seconds = args.Int("seconds", 10);
        var workers = args.Int("workers", 256);
        var rate = args.Int("rate", 5_000);
        var accounts = args.Int("accounts", 1_000);
        await using var harness = await Harness.StartAsync(args.Connection, args.Long("snapshot-every", 100_000));
        await harness.SetUpMarketAsync(accounts);

        var throughput = await ClosedLoopAsync(harness, workers, accounts, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"closed loop: {workers} submitters, {throughput.Count:N0} commands acknowledged in {throughput.Elapsed.TotalSeconds:F1} s = {throughput.Count / throughput.Elapsed.TotalSeconds:N0} commands/s");

        var latencies = await OpenLoopAsync(harness, rate, accounts, TimeSpan.FromSeconds(seconds));
        Array.Sort(latencies);
        Console.WriteLine($"open loop at {rate:N0}/s offered: {latencies.Length:N0} acknowledged; latency ms p50 {Percentile(latencies, 50):F2}, p99 {Percentile(latencies, 99):F2}, p99.9 {Percentile(latencies, 99.9):F2}, max {latencies[^1]:F2}");
        return 0;
    }

    private static async Task<(long Count, TimeSpan Elapsed)> ClosedLoopAsync(Harness harness, int workers, int accounts, TimeSpan duration)
    {
        long count = 0;
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mix = new CommandMix(w, accounts);
            while (stopwatch.Elapsed < duration)
            {
                await harness.Sequencer.SubmitAsync(mix.Next());
                Interlocked.Increment(ref count);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        return (count, stopwatch.Elapsed);
    }

    private static async Task<double[]> OpenLoopAsync(Harness harness, int rate, int accounts, TimeSpan duration)
    {
        var mix = new CommandMix(12345, accounts);
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var pending = new Task[total];
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 500) await Task.Delay(1);
                else Thread.SpinWait(50);
            }
            var index = i;
            var command = mix.Next();
            pending[i] = Send(harness, command, due, latencies, index);
        }
        await Task.WhenAll(pending);
        return latencies;
    }

    private static async Task Send(Harness harness, Command command, long scheduled, double[] latencies, int index)
    {
        await harness.Sequencer.SubmitAsync(command);
        latencies[index] = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
}
