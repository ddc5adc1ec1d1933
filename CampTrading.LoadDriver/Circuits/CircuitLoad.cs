using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// How many phones one box holds: the whole app in this process on a fresh database; for each level, a child process
/// (<see cref="CircuitCrowd"/>) opens that many real Blazor Server circuits without a browser, then the engine takes a
/// steady order flow (a quarter IOC buys that each make one trade, the rest resting bids that move the book) and the child
/// times every trade until each /trade and /board page shows it (its market stream's frame carries it). Per level: the
/// server's managed heap and RSS per circuit, its CPU, render batches/s and stream frames/s, trade → shown p50/p99/max,
/// and the heap after the circuits closed (no leak).
/// </summary>
internal static class CircuitLoad
{
    private const long Price = 19;

    public static async Task<int> RunAsync(Arguments args)
    {
        var levels = args.Text("circuits", "500,1000,2000,5000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var rate = args.Int("rate", 200);
        var seconds = args.Int("seconds", 30);
        var students = args.Int("students", 200);
        var warmup = args.Int("warmup", 180);
        await using var app = new DriverApp(args.Connection, new Dictionary<string, string>
        {
            ["StudentLimits:Orders:PerAccount"] = "100000000",
            ["StudentLimits:Orders:PerSource"] = "100000000",
        });
        var baseAddress = app.StartOnFreePort();
        var exchange = app.Services.GetRequiredService<ExchangeService>();
        var flow = new OrderFlow(exchange, await exchange.OpenWithDeepAskAsync(1_000 + (long)rate / 4 * (warmup + seconds) * levels.Length + 100, Price, "circuits"), await FundedBidderAsync(exchange));
        await flow.WarmUpAsync(1_000); // trade ids above the numbers a page shows otherwise (prices, quantities)

        Console.WriteLine($"circuits: {rate} orders/s ({rate / 4} trades/s) for {seconds} s per level after a warm-up (the same flow until the runtime stops compiling, at most {warmup} s); circuits mixed /trade ½, / ¼, /board ¼; {students} students; server {Environment.ProcessorCount} cores");
        Console.WriteLine("circuits  opened in  heap/circuit  rss/circuit  server cpu  client cpu  batches/s  frames/s  trade→shown p50 / p99 / max      missing  heap after close");
        var failures = 0;
        foreach (var level in levels)
        {
            var heapBefore = Heap();
            var rssBefore = Process.GetCurrentProcess().WorkingSet64;
            using var crowd = DriverChild.Crowd(baseAddress, level, students);
            var ready = (await crowd.ReadLineAsync("ready")).Split(' ');
            await Task.Delay(2_000);
            var heapPerCircuit = (Heap() - heapBefore) / (double)level;
            var rssPerCircuit = (Process.GetCurrentProcess().WorkingSet64 - rssBefore) / (double)level;
            var warmedFor = await WarmUpAsync(flow, rate, TimeSpan.FromSeconds(warmup));

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var gcBefore = GcCounts();
            var clock = Stopwatch.StartNew();
            await crowd.SendAsync($"first {flow.NextTradeId}");
            var ordersPerSecond = await flow.RunAsync(rate, TimeSpan.FromSeconds(seconds), (id, at) => crowd.SendAsync(string.Create(CultureInfo.InvariantCulture, $"t {id} {at:F3}")));
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var gc = GcCounts() - gcBefore;
            var serverCpu = cpuSeconds / clock.Elapsed.TotalSeconds;
            await crowd.SendAsync("end");
            var result = Fields(await crowd.ReadLineAsync("result"));
            await crowd.WaitForExitAsync();
            await Task.Delay(2_000);
            var heapAfter = Heap() - heapBefore;

            if (int.Parse(ready[2], CultureInfo.InvariantCulture) > 0 || result["missing"] != "0") failures++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{level,8:N0}  {ready[3],7} s  {heapPerCircuit / 1024,9:N0} KB  {rssPerCircuit / 1024,8:N0} KB  {serverCpu,7:F2} cores  {double.Parse(result["client-cpu-s"], CultureInfo.InvariantCulture) / clock.Elapsed.TotalSeconds,6:F2} cores  {result["batches/s"],9}  {result["frames/s"],8}  {result["p50"],8} / {result["p99"]} / {result["max"]} ms  {result["missing"],7}  {heapAfter / 1024.0 / 1024.0:+0.0;-0.0} MB"));
            if (ready[2] != "0") Console.WriteLine($"          {ready[2]} circuits failed to start");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"          warmed up for {warmedFor.TotalSeconds:F0} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"          {ordersPerSecond:F0} orders/s achieved; connected {result["connected"]}, showing trades {result["showing"]}, market streams open {result["streams"]}, sightings {result["seen"]}, circuit errors {result["errors"]}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"          garbage collections: {gc.Gen0} gen0, {gc.Gen1} gen1, {gc.Gen2} gen2; paused {gc.Paused.TotalMilliseconds:F0} ms in all ({gc.Paused.TotalMilliseconds / Math.Max(1, gc.Gen0):F1} ms each)"));
            // Per render batch, the server's work whatever the VM's speed: what it allocated (the app and this driver's order flow) and its CPU.
            var sent = (double.Parse(result["batches/s"], NumberStyles.Number, CultureInfo.InvariantCulture)
                + double.Parse(result["frames/s"], NumberStyles.Number, CultureInfo.InvariantCulture)) * clock.Elapsed.TotalSeconds;
            if (sent > 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"          server per batch or frame sent: {allocated / sent / 1024:F1} KB allocated, {cpuSeconds / sent * 1e6:F0} µs CPU ({allocated / clock.Elapsed.TotalSeconds / 1024 / 1024:F0} MB/s)"));
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// The same flow, unmeasured, until the runtime stops compiling: it compiles and re-compiles (tiers up) the render and
    /// hub paths for up to a minute after they first run hot on two saturated cores, costing up to half the CPU, which a
    /// camp's server, up all day, has long finished. At most <paramref name="limit"/>; returns how long it took.
    /// </summary>
    private static async Task<TimeSpan> WarmUpAsync(OrderFlow flow, int rate, TimeSpan limit)
    {
        if (limit <= TimeSpan.Zero) return TimeSpan.Zero;
        var step = TimeSpan.FromSeconds(Math.Min(5, limit.TotalSeconds));
        var clock = Stopwatch.StartNew();
        do
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            await flow.RunAsync(rate, step, (_, _) => Task.CompletedTask);
            if (JitInfo.GetCompiledMethodCount() - compiled < 100) break;
        }
        while (clock.Elapsed + step <= limit);
        return clock.Elapsed;
    }

    private readonly record struct Collections(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
    {
        public static Collections operator -(Collections a, Collections b) =>
            new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Paused - b.Paused);
    }

    private static Collections GcCounts() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Dictionary<string, string> Fields(string line)
    {
        var parts = line.Split(' ');
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < parts.Length; i += 2) fields[parts[i]] = parts[i + 1];
        return fields;
    }

    private static async Task<int> FundedBidderAsync(ExchangeService exchange)
    {
        var bidder = checked((int)(await exchange.SubmitAsync(new OpenAccount("circuits bidder"))).Id);
        await exchange.SubmitOkAsync(new Grant(bidder, Assets.Points, 1_000_000_000, "circuits", "circuits"));
        return bidder;
    }

    /// <summary>The order flow: IOC buys of one share against the deep ask, each one trade with the next trade id, and resting bids below.</summary>
    private sealed class OrderFlow(ExchangeService exchange, int buyer, int bidder)
    {
        private readonly Random _random = new(15);
        public long NextTradeId { get; private set; }

        public async Task WarmUpAsync(int trades)
        {
            for (var i = 0; i < trades; i++) await BuyAsync();
            for (var i = 0; i < 200; i++)
            {
                if (exchange.Market.RecentTrades(1, 1) is [{ } last] && last.Id >= trades) { NextTradeId = last.Id + 1; return; }
                await Task.Delay(10);
            }
            throw new InvalidOperationException("the warm-up trades never reached the read model");
        }

        /// <summary>
        /// At <paramref name="rate"/> orders/s for <paramref name="duration"/>: one in four an IOC buy, the rest resting bids.
        /// Submitted from this one loop, commands reach the engine in this order, so the n-th buy makes the n-th trade.
        /// Returns the orders per second achieved.
        /// </summary>
        public async Task<double> RunAsync(int rate, TimeSpan duration, Func<long, double, Task> traded)
        {
            var clock = Stopwatch.StartNew();
            var sent = 0;
            var buys = new List<Task<CommandResult>>();
            var resting = new List<Task<CommandResult>>();
            while (clock.Elapsed < duration)
            {
                var due = (int)(rate * clock.Elapsed.TotalSeconds) - sent;
                for (var i = 0; i < due; i++, sent++)
                {
                    if (sent % 4 == 0)
                    {
                        var at = CircuitClient.UnixMs();
                        buys.Add(exchange.SubmitAsync(Buy));
                        await traded(NextTradeId++, at);
                    }
                    else resting.Add(exchange.SubmitAsync(new PlaceOrder(bidder, 1, Side.Buy, OrderType.Limit, _random.Next(1, 6), _random.Next(16, 19))));
                }
                await Task.Delay(5);
            }
            var achieved = sent / clock.Elapsed.TotalSeconds;
            if ((await Task.WhenAll(buys)).Count(r => !r.IsOk || r.Filled != 1) is > 0 and var missed)
                throw new InvalidOperationException($"{missed} buys made no trade: the trade ids told to the clients are wrong");
            var refused = (await Task.WhenAll(resting)).Count(r => !r.IsOk);
            if (refused > 0) Console.WriteLine($"          {refused} resting bids refused");
            return achieved;
        }

        private PlaceOrder Buy => new(buyer, 1, Side.Buy, OrderType.Limit, 1, Price, TimeInForce.Ioc);

        private async Task BuyAsync()
        {
            var result = await exchange.SubmitAsync(Buy);
            if (!result.IsOk || result.Filled != 1) throw new InvalidOperationException($"the buy made no trade: {RejectCodes.Code(result.Code)}");
        }
    }
}
