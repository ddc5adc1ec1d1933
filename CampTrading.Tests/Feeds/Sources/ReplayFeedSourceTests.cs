using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CampTrading.Web.Feeds.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampTrading.Tests.Feeds.Sources;

public sealed class ReplayFeedSourceTests : IDisposable
{
    private const long T0 = 1764000000000;
    private readonly string _folder = Directory.CreateTempSubdirectory("replay-feed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static ReplayFeedSource Source(string path, double speed, string symbol = "BTCUSDT", bool loop = false) =>
        new(path, symbol, speed, loop, TimeProvider.System, NullLogger<ReplayFeedSource>.Instance);

    private static async Task<List<FeedTick>> ReadAllAsync(ReplayFeedSource source, int? take = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ticks = new List<FeedTick>();
        await foreach (var tick in source.ReadAsync(timeout.Token))
        {
            ticks.Add(tick);
            if (ticks.Count == take) break;
        }
        Assert.False(timeout.IsCancellationRequested, "the replay did not end");
        return ticks;
    }

    [Fact]
    public async Task It_plays_the_symbols_prices_in_order_keeping_the_gaps_divided_by_the_speed_and_stamped_live()
    {
        var path = Write("mixed.jsonl",
            FakeBinanceServer.Trade("BTCUSDT", 100m, T0),
            FakeBinanceServer.Trade("ETHUSDT", 5m, T0 + 500),
            "",
            "not json",
            FakeBinanceServer.Trade("BTCUSDT", 101m, T0 + 1000),
            FakeBinanceServer.Combined("btcusdt@kline_1m", FakeBinanceServer.Kline("BTCUSDT", 102m, T0 + 3000, T0 + 3001)));
        var source = Source(path, speed: 20);

        var before = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var ticks = await ReadAllAsync(source);
        var elapsed = clock.Elapsed;

        Assert.Equal([100m, 101m, 102m], ticks.Select(t => t.Price));
        Assert.All(ticks, t => Assert.Equal("BTCUSDT", t.Symbol));
        Assert.InRange(ticks[0].Time, before, before.AddMinutes(1)); // re-stamped: now, not 2025
        Assert.Equal(TimeSpan.FromMilliseconds(50), ticks[1].Time - ticks[0].Time); // 1 s at 20×
        Assert.Equal(TimeSpan.FromMilliseconds(100), ticks[2].Time - ticks[1].Time); // 2 s at 20×
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(100), $"played 3 s of recording at 20× in {elapsed.TotalMilliseconds} ms");
        Assert.Equal((3L, 1L, 1L), (source.Counters.Ticks, source.Counters.OtherSymbols, source.Counters.Malformed));
    }

    [Fact]
    public async Task Slower_speeds_wait_longer_and_speed_zero_does_not_wait()
    {
        var path = Write("two-seconds.jsonl", FakeBinanceServer.Trade("BTCUSDT", 1m, T0), FakeBinanceServer.Trade("BTCUSDT", 2m, T0 + 2000));

        var clock = Stopwatch.StartNew();
        var atFour = await ReadAllAsync(Source(path, speed: 4));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"2 s at 4× took {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.FromMilliseconds(500), atFour[1].Time - atFour[0].Time);

        var asFastAsPossible = await ReadAllAsync(Source(path, speed: 0));
        Assert.Equal([1m, 2m], asFastAsPossible.Select(t => t.Price));
        Assert.True(asFastAsPossible[1].Time - asFastAsPossible[0].Time < TimeSpan.FromMilliseconds(500), "speed 0 kept the recorded gap");
    }

    [Fact]
    public async Task Times_never_go_backwards_even_when_the_recording_does()
    {
        var path = Write("unordered.jsonl",
            FakeBinanceServer.Trade("BTCUSDT", 1m, T0 + 2000),
            FakeBinanceServer.Trade("BTCUSDT", 2m, T0),
            FakeBinanceServer.Trade("BTCUSDT", 3m, T0 + 2500));
        var ticks = await ReadAllAsync(Source(path, speed: 50));
        Assert.Equal([1m, 2m, 3m], ticks.Select(t => t.Price));
        Assert.Equal(ticks[0].Time, ticks[1].Time);
        Assert.Equal(TimeSpan.FromMilliseconds(10), ticks[2].Time - ticks[1].Time);
    }

    [Fact]
    public async Task The_bundled_sample_parses_completely_for_both_symbols()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, ReplayFeedSource.BundledSample);
        Assert.True(File.Exists(sample), $"{sample} is not copied to the output");
        var lines = File.ReadAllLines(sample);
        Assert.True(new FileInfo(sample).Length < 400_000, "the sample should stay small");

        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            var source = Source(sample, speed: 0, symbol);
            var ticks = await ReadAllAsync(source);
            var own = lines.Count(l => l.Contains($"\"s\":\"{symbol}\"", StringComparison.Ordinal));
            Assert.True(own > 500, $"{symbol}: only {own} messages");
            Assert.Equal(own, ticks.Count);
            Assert.Equal(lines.Length - own, source.Counters.OtherSymbols);
            Assert.Equal(0, source.Counters.Rejected + source.Counters.NotPrices);
            Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.First.Time <= p.Second.Time));
            // A random walk stays plausible: within 10 % of where it started over half an hour.
            Assert.All(ticks, t => Assert.InRange(t.Price, ticks[0].Price * 0.9m, ticks[0].Price * 1.1m));
        }
    }

    [Fact]
    public async Task A_gzipped_recording_plays_the_same_prices()
    {
        var plain = Write("plain.jsonl", Enumerable.Range(0, 200).Select(i => FakeBinanceServer.Trade("BTCUSDT", 1000m + i, T0 + i)).ToArray());
        var gzipped = Path.Combine(_folder, "recording.jsonl.gz");
        await using (var input = File.OpenRead(plain))
        await using (var output = new GZipStream(File.Create(gzipped), CompressionLevel.Optimal))
            await input.CopyToAsync(output);

        var fromPlain = await ReadAllAsync(Source(plain, speed: 0));
        var fromGzip = await ReadAllAsync(Source(gzipped, speed: 0));
        Assert.Equal(200, fromGzip.Count);
        Assert.Equal(fromPlain.Select(t => t.Price), fromGzip.Select(t => t.Price));
    }

    [Fact]
    public async Task A_damaged_gzip_recording_ends_the_replay_without_throwing()
    {
        var gzipped = Path.Combine(_folder, "damaged.gz");
        using (var memory = new MemoryStream())
        {
            await using (var zip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
                await zip.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 2000).Select(i => FakeBinanceServer.Trade("BTCUSDT", 1m + i, T0 + i)))));
            var bytes = memory.ToArray();
            for (var i = bytes.Length / 2; i < bytes.Length; i++) bytes[i] ^= 0x5A;
            await File.WriteAllBytesAsync(gzipped, bytes);
        }
        var source = Source(gzipped, speed: 0);
        var ticks = await ReadAllAsync(source);
        Assert.InRange(ticks.Count, 0, 1999);
    }

    [Fact]
    public async Task Oversized_lines_crlf_and_a_byte_order_mark_are_handled()
    {
        var path = Path.Combine(_folder, "odd.jsonl");
        var content = "\uFEFF" + FakeBinanceServer.Trade("BTCUSDT", 1m, T0) + "\r\n"
            + "{\"pad\":\"" + new string('x', 200_000) + "\"}\r\n"
            + FakeBinanceServer.Trade("BTCUSDT", 2m, T0 + 1) + "\r\n"
            + new string('y', 100_000) // an unterminated huge last line
            ;
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));

        var source = Source(path, speed: 0);
        var ticks = await ReadAllAsync(source);
        Assert.Equal([1m, 2m], ticks.Select(t => t.Price));
        Assert.Equal(2, source.Counters.Oversized);
    }

    [Fact]
    public async Task Looping_starts_again_from_the_top_with_times_still_moving_forward()
    {
        var path = Write("short.jsonl", FakeBinanceServer.Trade("BTCUSDT", 1m, T0), FakeBinanceServer.Trade("BTCUSDT", 2m, T0 + 100), FakeBinanceServer.Trade("BTCUSDT", 3m, T0 + 200));
        var ticks = await ReadAllAsync(Source(path, speed: 10, loop: true), take: 8);
        Assert.Equal([1m, 2m, 3m, 1m, 2m, 3m, 1m, 2m], ticks.Select(t => t.Price));
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.First.Time <= p.Second.Time));
    }

    [Fact]
    public async Task A_recording_without_the_symbol_ends_even_when_looping()
    {
        var path = Write("eth-only.jsonl", FakeBinanceServer.Trade("ETHUSDT", 1m, T0));
        Assert.Empty(await ReadAllAsync(Source(path, speed: 0, loop: true)));
        Assert.Empty(await ReadAllAsync(Source(Write("empty.jsonl"), speed: 1)));
    }

    [Fact]
    public async Task A_recording_that_vanished_ends_the_replay_without_throwing()
    {
        var path = Write("gone.jsonl", FakeBinanceServer.Trade("BTCUSDT", 1m, T0));
        var source = Source(path, speed: 1);
        File.Delete(path);
        Assert.Empty(await ReadAllAsync(source));
    }

    [Fact]
    public async Task Cancelling_ends_a_replay_that_is_waiting_for_its_next_price()
    {
        var path = Write("hour.jsonl", FakeBinanceServer.Trade("BTCUSDT", 1m, T0), FakeBinanceServer.Trade("BTCUSDT", 2m, T0 + 3_600_000));
        using var stop = new CancellationTokenSource();
        await using var ticks = Source(path, speed: 1).ReadAsync(stop.Token).GetAsyncEnumerator();
        Assert.True(await ticks.MoveNextAsync());
        var next = ticks.MoveNextAsync().AsTask();
        await stop.CancelAsync();
        Assert.False(await next.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void The_committed_sample_is_exactly_what_the_generator_writes()
    {
        var writer = new StringWriter();
        FeedSampleGenerator.Write(writer, FeedSampleGenerator.DefaultSeed, FeedSampleGenerator.DefaultStart, FeedSampleGenerator.DefaultDuration);
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "CampTrading.Web", ReplayFeedSource.BundledSample));
        Assert.True(writer.ToString() == committed, "regenerate with: dotnet run --project CampTrading.LoadDriver -c Release -- feed-sample");
    }
}
