namespace CampTrading.Web.Feeds.Sources;

/// <summary>The <c>Feeds:Binance</c> configuration section: where the live Binance-format source connects and how it behaves.</summary>
public sealed class BinanceFeedOptions
{
    public const string Section = "Feeds:Binance";

    /// <summary>
    /// The WebSocket server (ws:// or wss://). A bare host connects to <c>/ws/{symbol}@{Stream}</c>; a URL whose path already
    /// names a stream (<c>/ws/...</c> or <c>/stream?streams=...</c>) is used as given. Tests point it at a fake on loopback.
    /// </summary>
    public string BaseUrl { get; set; } = "wss://stream.binance.com:9443";

    /// <summary>The stream per symbol: <c>trade</c>, <c>aggTrade</c> or a kline such as <c>kline_1m</c>.</summary>
    public string Stream { get; set; } = "trade";

    /// <summary>Messages longer than this are skipped unread (Binance's trade messages are about 200 bytes).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>First wait before reconnecting; doubles per failed attempt up to <see cref="MaxReconnectDelay"/>, with jitter.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A connection that delivers no message for this long is dropped and reopened (pings alone do not count).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the client pings the server; a missing pong within the same time drops the connection.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>The <c>Feeds:Replay</c> configuration section.</summary>
public sealed class ReplayFeedOptions
{
    public const string Section = "Feeds:Replay";

    /// <summary>Where relative recording paths are looked up; empty = the app's own folder (which holds the bundled sample).</summary>
    public string? Directory { get; set; }

    /// <summary>Start again from the top when the recording ends, instead of ending.</summary>
    public bool Loop { get; set; }
}
