using System.Globalization;
using System.Text;

namespace CampTrading.Web.Feeds.Sources;

/// <summary>
/// Writes a plausible, deterministic recording in Binance's stream format: for BTCUSDT and ETHUSDT, trades on a geometric
/// random walk (exponential gaps, occasional bursts of a few trades milliseconds apart) and a closed 1-minute kline per
/// minute. The same seed always gives the same bytes; it made the bundled sample (see docs/feeds.md).
/// </summary>
public static class FeedSampleGenerator
{
    public const int DefaultSeed = 14;
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(30);

    private sealed record Market(string Symbol, decimal StartPrice, double MeanGapSeconds, double VolatilityPerSqrtSecond, double TypicalQuantity, int QuantityDecimals, long FirstTradeId);

    private static readonly Market[] Markets =
    [
        new("BTCUSDT", 97_000.00m, 2.5, 0.00025, 0.01, 5, 5_600_000_000),
        new("ETHUSDT", 3_600.00m, 4.0, 0.00030, 0.2, 4, 3_100_000_000),
    ];

    public static void Write(TextWriter writer, int seed, DateTimeOffset start, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var random = new Random(seed);
        var lines = new List<(long EventTime, int Order, string Json)>();
        var order = 0;
        foreach (var market in Markets)
            foreach (var (eventTime, json) in Generate(market, random, start.ToUnixTimeMilliseconds(), (long)duration.TotalMilliseconds))
                lines.Add((eventTime, order++, json));
        foreach (var line in lines.OrderBy(l => l.EventTime).ThenBy(l => l.Order))
            writer.Write(line.Json + "\n");
    }

    private static IEnumerable<(long EventTime, string Json)> Generate(Market market, Random random, long startMs, long durationMs)
    {
        var price = (double)market.StartPrice;
        var tradeId = market.FirstTradeId;
        var time = (double)startMs;
        var endMs = startMs + durationMs;
        var kline = new KlineAccumulator(startMs);
        var burstLeft = 0;
        while (true)
        {
            var gapSeconds = burstLeft > 0 ? random.Next(1, 40) / 1000.0 : -Math.Log(1 - random.NextDouble()) * market.MeanGapSeconds;
            if (burstLeft > 0) burstLeft--;
            else if (random.NextDouble() < 0.1) burstLeft = random.Next(2, 7);
            time += Math.Max(0.001, gapSeconds) * 1000;
            var tradeMs = (long)time;
            if (tradeMs >= endMs) break;

            while (tradeMs >= kline.OpenMs + 60_000)
            {
                if (kline.Count > 0) yield return kline.Closed(market.Symbol, random.Next(1, 8));
                kline = new KlineAccumulator(kline.OpenMs + 60_000);
            }

            price *= Math.Exp(Gaussian(random) * market.VolatilityPerSqrtSecond * Math.Sqrt(Math.Max(gapSeconds, 0.001)));
            var tradePrice = Math.Round((decimal)price, 2);
            var quantity = Math.Max(Math.Round((decimal)(market.TypicalQuantity * Math.Exp(Gaussian(random))), market.QuantityDecimals),
                Pow10(-market.QuantityDecimals));
            kline.Add(tradeId, tradePrice, quantity);
            var eventMs = tradeMs + random.Next(0, 6);
            var buyerIsMaker = random.Next(2) == 0 ? "true" : "false";
            yield return (eventMs, string.Create(CultureInfo.InvariantCulture,
                $$"""{"e":"trade","E":{{eventMs}},"s":"{{market.Symbol}}","t":{{tradeId}},"p":"{{tradePrice:F8}}","q":"{{quantity:F8}}","T":{{tradeMs}},"m":{{buyerIsMaker}},"M":true}"""));
            tradeId++;
        }
        if (kline.Count > 0 && kline.OpenMs + 60_000 <= endMs) yield return kline.Closed(market.Symbol, random.Next(1, 8));
    }

    private sealed class KlineAccumulator(long openMs)
    {
        public long OpenMs { get; } = openMs;
        public int Count { get; private set; }
        private long _firstId, _lastId;
        private decimal _open, _high, _low, _close, _volume, _quoteVolume;

        public void Add(long tradeId, decimal price, decimal quantity)
        {
            if (Count == 0) { _firstId = tradeId; _open = _high = _low = price; }
            _lastId = tradeId;
            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
            _close = price;
            _volume += quantity;
            _quoteVolume += price * quantity;
            Count++;
        }

        public (long EventTime, string Json) Closed(string symbol, int latencyMs)
        {
            var closeMs = OpenMs + 59_999;
            var eventMs = closeMs + latencyMs;
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture,
                $$"""{"e":"kline","E":{{eventMs}},"s":"{{symbol}}","k":{"t":{{OpenMs}},"T":{{closeMs}},"s":"{{symbol}}","i":"1m","f":{{_firstId}},"L":{{_lastId}},""");
            sb.Append(CultureInfo.InvariantCulture,
                $"\"o\":\"{_open:F8}\",\"c\":\"{_close:F8}\",\"h\":\"{_high:F8}\",\"l\":\"{_low:F8}\",\"v\":\"{_volume:F8}\",\"n\":{Count},\"x\":true,\"q\":\"{Math.Round(_quoteVolume, 8):F8}\"}}}}");
            return (eventMs, sb.ToString());
        }
    }

    private static decimal Pow10(int exponent) => exponent >= 0 ? 1m : 1m / (decimal)Math.Pow(10, -exponent);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
