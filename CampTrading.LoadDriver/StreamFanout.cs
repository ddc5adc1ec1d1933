using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.LoadDriver;

/// <summary>
/// Stream fan-out of a busy market: the whole app on a fresh database; N WebSocket subscribers (anonymous, as a class of
/// campers' bots would connect) subscribe to <c>trades:CAMP</c> and <c>book:CAMP</c>; in the same process a paced producer
/// makes one trade per command through the engine (IOC buys of 1 against a deep resting sell) at the offered rate. Each
/// subscriber timestamps every trade message it receives: lag = receipt − the trade's engine time (stamped before the
/// journal write, so the lag includes the durable commit, the read model, the hub and the socket). Reports delivered
/// trade messages per second, lag percentiles, sequence gaps and disconnects.
/// </summary>
internal static class StreamFanout
{
    private const long Price = 19;

    public static async Task<int> RunAsync(Arguments args)
    {
        var subscribers = args.Int("subscribers", 1_000);
        var rate = args.Int("rate", 200);
        var seconds = args.Int("seconds", 20);
        var limit = (subscribers + 100).ToString(CultureInfo.InvariantCulture);
        await using var app = new DriverApp(args.Connection, new Dictionary<string, string>
        {
            ["TradingApi:Stream:MaxConnections"] = limit,
            ["TradingApi:Stream:MaxConnectionsPerAddress"] = limit, // every subscriber comes from 127.0.0.1
            ["StudentLimits:Orders:PerAccount"] = "1000000", // one buyer makes every trade
            ["StudentLimits:Orders:PerSource"] = "1000000",
        });
        var baseAddress = app.StartOnFreePort();
        var exchange = app.Services.GetRequiredService<ExchangeService>();
        var buyer = await exchange.OpenWithDeepAskAsync(rate * (seconds + 5) * 2, Price, "stream-fanout");

        var stats = new FanoutStats();
        var streamUri = new Uri($"ws://{baseAddress.Authority}/api/v1/stream");
        using var stop = new CancellationTokenSource();
        var clients = new List<Task>(subscribers);
        for (var connected = 0; connected < subscribers; connected += 50)
        {
            var batch = Enumerable.Range(connected, Math.Min(50, subscribers - connected)).Select(_ => Subscriber.ConnectAsync(streamUri, stats, stop.Token)).ToList();
            foreach (var ready in await Task.WhenAll(batch)) clients.Add(ready.ReadAsync(stop.Token));
        }
        Console.WriteLine($"stream fan-out: {subscribers:N0} WebSocket subscribers to trades:CAMP and book:CAMP, {rate:N0} trades/s offered for {seconds} s");

        await ProduceAsync(exchange, buyer, rate, TimeSpan.FromSeconds(2)); // warm-up: JIT, pools, the hub's first diffs
        stats.CountFrom(DateTimeOffset.UtcNow);
        var clock = Stopwatch.StartNew();
        var trades = await ProduceAsync(exchange, buyer, rate, TimeSpan.FromSeconds(seconds));
        var producing = clock.Elapsed;
        await stats.SettleAsync(); // the last messages in flight
        stop.Cancel();
        await Task.WhenAll(clients);

        var live = subscribers - stats.Closed;
        var delivered = stats.Delivered;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            trades made        {trades:N0} ({trades / producing.TotalSeconds:N0}/s)
            delivered          {delivered:N0} trade messages of {(long)trades * live:N0} expected to {live:N0} live subscribers ({delivered / producing.TotalSeconds:N0}/s)
            book updates       {stats.BookUpdates:N0} received
            lag trade→receipt  p50 {stats.Lag(0.50):F1} ms   p99 {stats.Lag(0.99):F1} ms   p99.9 {stats.Lag(0.999):F1} ms   max {stats.MaxLag:F1} ms
            sequence gaps      {stats.Gaps:N0}
            disconnected       {stats.Closed:N0} {stats.CloseReasons}
            """));
        return stats.Closed == 0 && stats.Gaps == 0 && delivered == (long)trades * live ? 0 : 1;
    }

    /// <summary>IOC buys of one share at the offered rate, paced every 10 ms; returns the trades made.</summary>
    private static async Task<int> ProduceAsync(ExchangeService exchange, int buyer, int rate, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var filled = 0;
        var pending = new List<Task<CommandResult>>();
        while (clock.Elapsed < duration)
        {
            var due = (int)(rate * clock.Elapsed.TotalSeconds) - sent;
            for (var i = 0; i < due; i++) pending.Add(exchange.SubmitAsync(new PlaceOrder(buyer, 1, Side.Buy, OrderType.Limit, 1, Price, TimeInForce.Ioc)));
            sent += Math.Max(0, due);
            await Task.Delay(10);
        }
        var refused = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in await Task.WhenAll(pending))
        {
            if (result.IsOk && result.Filled == 1) filled++;
            else refused[RejectCodes.Code(result.Code)] = refused.GetValueOrDefault(RejectCodes.Code(result.Code)) + 1;
        }
        if (refused.Count > 0) Console.WriteLine("orders that made no trade: " + string.Join(", ", refused.Select(r => $"{r.Value} {r.Key}")));
        return filled;
    }

    private sealed class Subscriber(ClientWebSocket socket, FanoutStats stats)
    {
        private long _lastTradeSeq = -1;
        private long _lastBookSeq = -1;

        public static async Task<Subscriber> ConnectAsync(Uri uri, FanoutStats stats, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, cancellationToken);
            await socket.SendAsync("""{"op":"subscribe","id":1,"channels":["trades:CAMP","book:CAMP"]}"""u8.ToArray(), WebSocketMessageType.Text, true, cancellationToken);
            return new Subscriber(socket, stats);
        }

        public async Task ReadAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[256 * 1024];
            try
            {
                while (true)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult received;
                    do
                    {
                        received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                        length += received.Count;
                    } while (!received.EndOfMessage && length < buffer.Length);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        stats.OnClosed(socket.CloseStatusDescription ?? socket.CloseStatus?.ToString() ?? "closed");
                        return;
                    }
                    OnMessage(buffer.AsSpan(0, length), DateTimeOffset.UtcNow);
                }
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException ex) { stats.OnClosed(ex.WebSocketErrorCode.ToString()); }
            finally { socket.Dispose(); }
        }

        private void OnMessage(ReadOnlySpan<byte> message, DateTimeOffset receivedAt)
        {
            var root = JsonDocument.Parse(message.ToArray()).RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "trade":
                    var seq = root.GetProperty("seq").GetInt64();
                    if (_lastTradeSeq >= 0 && seq != _lastTradeSeq + 1) stats.OnGap();
                    _lastTradeSeq = seq;
                    stats.OnTrade(root.GetProperty("time").GetDateTimeOffset(), receivedAt);
                    break;
                case "book": // the snapshot on subscribe: updates continue from its seq
                    _lastBookSeq = root.GetProperty("seq").GetInt64();
                    break;
                case "bookUpdate":
                    var bookSeq = root.GetProperty("seq").GetInt64();
                    if (bookSeq != _lastBookSeq + 1) stats.OnGap();
                    _lastBookSeq = bookSeq;
                    stats.OnBook();
                    break;
            }
        }
    }

    /// <summary>Counters shared by every subscriber; lag in a histogram of 0.1 ms buckets up to a minute.</summary>
    private sealed class FanoutStats
    {
        private const int BucketsPerMs = 10;
        private readonly long[] _lag = new long[60_000 * BucketsPerMs];
        private long _delivered;
        private long _book;
        private long _gaps;
        private long _maxLagTicks;
        private long _startTicks = long.MaxValue;
        private int _closed;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _reasons = new(StringComparer.Ordinal);

        public long Delivered => Interlocked.Read(ref _delivered);
        public long BookUpdates => Interlocked.Read(ref _book);
        public long Gaps => Interlocked.Read(ref _gaps);
        public int Closed => Volatile.Read(ref _closed);
        public double MaxLag => TimeSpan.FromTicks(Interlocked.Read(ref _maxLagTicks)).TotalMilliseconds;
        public string CloseReasons => _reasons.IsEmpty ? "" : "(" + string.Join(", ", _reasons.Select(r => $"{r.Value} {r.Key}")) + ")";

        public void OnTrade(DateTimeOffset tradeTime, DateTimeOffset receivedAt)
        {
            if (tradeTime.UtcTicks < Interlocked.Read(ref _startTicks)) return;
            var lag = receivedAt - tradeTime;
            Interlocked.Increment(ref _delivered);
            var bucket = (int)Math.Clamp(lag.TotalMilliseconds * BucketsPerMs, 0, _lag.Length - 1);
            Interlocked.Increment(ref _lag[bucket]);
            var ticks = lag.Ticks;
            for (var max = Interlocked.Read(ref _maxLagTicks); ticks > max; max = Interlocked.Read(ref _maxLagTicks))
                if (Interlocked.CompareExchange(ref _maxLagTicks, ticks, max) == max) break;
        }

        public void OnBook() => Interlocked.Increment(ref _book);
        public void OnGap() => Interlocked.Increment(ref _gaps);

        public void OnClosed(string reason)
        {
            Interlocked.Increment(ref _closed);
            _reasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
        }

        /// <summary>Only trades made from <paramref name="start"/> on count (the warm-up's may still be in flight).</summary>
        public void CountFrom(DateTimeOffset start)
        {
            Interlocked.Exchange(ref _startTicks, start.UtcTicks);
            Array.Clear(_lag);
            Interlocked.Exchange(ref _delivered, 0);
            Interlocked.Exchange(ref _book, 0);
            Interlocked.Exchange(ref _maxLagTicks, 0);
        }

        /// <summary>Waits until no message has arrived for half a second (at most 30 s).</summary>
        public async Task SettleAsync()
        {
            var clock = Stopwatch.StartNew();
            for (var last = -1L; clock.Elapsed < TimeSpan.FromSeconds(30);)
            {
                await Task.Delay(500);
                var now = Delivered + BookUpdates;
                if (now == last) return;
                last = now;
            }
        }

        public double Lag(double quantile)
        {
            var total = _lag.Sum();
            if (total == 0) return 0;
            var target = (long)Math.Ceiling(total * quantile);
            long seen = 0;
            for (var i = 0; i < _lag.Length; i++)
            {
                seen += _lag[i];
                if (seen >= target) return (i + 1) / (double)BucketsPerMs;
            }
            return _lag.Length / (double)BucketsPerMs;
        }
    }
}
