using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace CampTrading.Web.Feeds.Sources;

/// <summary>
/// Plays a recording of Binance stream messages (JSON lines, the same trade/kline/combined messages the live source reads;
/// gzip'd if the file starts with gzip's magic bytes) for one symbol. Keeps the recorded gaps between ticks divided by
/// <see cref="Speed"/> (0 = no waiting at all) and stamps each tick with the moment it is due, so the engine sees
/// live-looking, never decreasing times. Ends with the recording, unless it loops.
/// </summary>
public sealed class ReplayFeedSource : IFeedSource
{
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>The bundled sample (BTCUSDT and ETHUSDT), relative to the app's folder.</summary>
    public static readonly string BundledSample = System.IO.Path.Combine("Feeds", "Sources", "Samples", "binance-sample.jsonl");

    private readonly string _symbol;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReplayFeedSource(string path, string symbol, double speed, bool loop, TimeProvider time, ILogger<ReplayFeedSource> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (!(speed >= 0) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed must be 0 (as fast as possible) or positive.");
        Path = path;
        _symbol = symbol.ToUpperInvariant();
        Speed = speed;
        Loop = loop;
        _time = time;
        _logger = logger;
    }

    public string Path { get; }

    /// <summary>1 = real time, 60 = a minute per second, 0 = as fast as possible.</summary>
    public double Speed { get; }

    public bool Loop { get; }

    public FeedSourceCounters Counters { get; } = new();

    public async IAsyncEnumerable<FeedTick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DateTimeOffset? lastStamp = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var stream = Open();
            if (stream is null) yield break;
            var ticksThisPass = 0;
            DateTimeOffset? firstRecorded = null;
            var passStart = default(DateTimeOffset);
            await using (stream)
            {
                var lines = new JsonLinesReader(stream, MaxLineBytes);
                while (true)
                {
                    var line = await ReadLineAsync(lines, cancellationToken);
                    if (line is null) break;
                    if (line.Value.TooLong)
                    {
                        Counters.Count(FeedMessageOutcome.Oversized);
                        continue;
                    }
                    var bytes = line.Value.Bytes;
                    if (IsBlank(bytes.Span)) continue;
                    var outcome = BinanceMessageParser.Parse(WithoutByteOrderMark(bytes.Span), _symbol, out var tick);
                    Counters.Count(outcome);
                    if (outcome != FeedMessageOutcome.Tick) continue;

                    var now = _time.GetUtcNow();
                    if (firstRecorded is null)
                    {
                        firstRecorded = tick.Time;
                        passStart = lastStamp is { } last && last > now ? last : now;
                    }
                    var due = Speed == 0 ? now : passStart + (tick.Time - firstRecorded.Value) / Speed;
                    if (lastStamp is { } previous && due < previous) due = previous; // a recording out of order, or a new pass
                    if (due > now && !await WaitUntilAsync(due, cancellationToken)) yield break;
                    lastStamp = due;
                    ticksThisPass++;
                    yield return tick with { Time = due };
                }
            }
            if (cancellationToken.IsCancellationRequested) yield break;
            if (ticksThisPass == 0)
            {
                _logger.LogWarning("Replay feed {Symbol}: {Path} holds no {Symbol} prices", _symbol, Path, _symbol);
                yield break;
            }
            if (!Loop)
            {
                _logger.LogInformation("Replay feed {Symbol}: {Path} ended after {Ticks} prices", _symbol, Path, ticksThisPass);
                yield break;
            }
        }
    }

    private Stream? Open()
    {
        try
        {
            var file = new FileStream(Path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.Asynchronous | FileOptions.SequentialScan });
            Span<byte> magic = stackalloc byte[2];
            var isGzip = file.Read(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            file.Position = 0;
            return isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Replay feed {Symbol}: cannot open {Path}: {Error}", _symbol, Path, e.Message);
            return null;
        }
    }

    /// <summary>The next line, or null at the end; a damaged gzip stream ends the pass like the end of the file.</summary>
    private async Task<JsonLinesReader.Line?> ReadLineAsync(JsonLinesReader lines, CancellationToken cancellationToken)
    {
        try
        {
            return await lines.ReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            Counters.Count(FeedMessageOutcome.Malformed);
            _logger.LogWarning("Replay feed {Symbol}: {Path} cannot be read further: {Error}", _symbol, Path, e.Message);
            return null;
        }
    }

    private async Task<bool> WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        try
        {
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> line) =>
        line is [0xEF, 0xBB, 0xBF, ..] ? line[3..] : line;
}
