using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Feeds.Sources;

/// <summary>Creates <c>binance</c> and <c>replay</c> sources from staff's specs, refusing anything invalid with a stable code.</summary>
public sealed partial class FeedSourceFactory(
    IOptions<BinanceFeedOptions> binanceOptions,
    IOptions<ReplayFeedOptions> replayOptions,
    TimeProvider time,
    ILoggerFactory loggers) : IFeedSourceFactory
{
    public const string Binance = "binance";
    public const string Replay = "replay";

    /// <summary>Replay speeds accepted besides 0 (as fast as possible).</summary>
    public const double MinSpeed = 0.01, MaxSpeed = 1_000;

    private const int MaxLocationLength = 1024;

    [GeneratedRegex("^[A-Z0-9]{2,20}$")]
    private static partial Regex SymbolPattern();

    public IFeedSource Create(FeedSourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var kind = spec.Kind?.Trim().ToLowerInvariant();
        var symbol = CheckSymbol(spec.Symbol);
        return kind switch
        {
            Binance => new BinanceFeedSource(symbol, BinanceUrl(spec.Location), binanceOptions.Value, loggers.CreateLogger<BinanceFeedSource>()),
            Replay => new ReplayFeedSource(RecordingPath(spec.Location), symbol, CheckSpeed(spec.Speed), replayOptions.Value.Loop, time, loggers.CreateLogger<ReplayFeedSource>()),
            _ => throw new FeedSourceSpecException(FeedSpecError.UnknownKind, $"Unknown feed kind '{spec.Kind}': use '{Binance}' or '{Replay}'."),
        };
    }

    /// <summary>Null when the spec would be accepted, else the refusal (without creating anything).</summary>
    public FeedSourceSpecException? Check(FeedSourceSpec spec)
    {
        try
        {
            Create(spec);
            return null;
        }
        catch (FeedSourceSpecException e)
        {
            return e;
        }
    }

    private static string CheckSymbol(string? symbol)
    {
        var upper = symbol?.Trim().ToUpperInvariant() ?? "";
        if (!SymbolPattern().IsMatch(upper))
            throw new FeedSourceSpecException(FeedSpecError.BadSymbol, $"Feed symbol '{symbol}' must be 2 to 20 letters or digits, e.g. BTCUSDT.");
        return upper;
    }

    private Uri BinanceUrl(string? location)
    {
        var text = string.IsNullOrWhiteSpace(location) ? binanceOptions.Value.BaseUrl : location.Trim();
        if (!IsWebSocketUrl(text, out var url))
            throw new FeedSourceSpecException(FeedSpecError.BadUrl, $"Feed URL '{text}' must be an absolute ws:// or wss:// URL without a user name or password.");
        return url;
    }

    internal static bool IsWebSocketUrl(string? text, out Uri url)
    {
        url = null!;
        if (text is null || text.Length > MaxLocationLength || !Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme is not ("ws" or "wss") || string.IsNullOrEmpty(parsed.Host) || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0) return false;
        url = parsed;
        return true;
    }

    private string RecordingPath(string? location)
    {
        var relative = string.IsNullOrWhiteSpace(location) ? ReplayFeedSource.BundledSample : location.Trim();
        var folder = string.IsNullOrWhiteSpace(replayOptions.Value.Directory) ? AppContext.BaseDirectory : replayOptions.Value.Directory;
        string full;
        try
        {
            full = relative.Length <= MaxLocationLength && relative.IndexOf('\0') < 0 ? Path.GetFullPath(relative, folder) : "";
        }
        catch (ArgumentException)
        {
            full = "";
        }
        if (full.Length == 0 || !File.Exists(full))
            throw new FeedSourceSpecException(FeedSpecError.FileNotFound, $"Recording '{relative}' not found.");
        return full;
    }

    private static double CheckSpeed(double speed)
    {
        if (speed == 0 || (speed >= MinSpeed && speed <= MaxSpeed)) return speed;
        throw new FeedSourceSpecException(FeedSpecError.BadSpeed, $"Replay speed {speed} must be 0 (as fast as possible) or between {MinSpeed} and {MaxSpeed}.");
    }
}
