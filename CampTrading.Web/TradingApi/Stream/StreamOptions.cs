using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.TradingApi.Stream;

/// <summary>Settings of the market-data stream (section <c>TradingApi:Stream</c>); see docs/decisions/0019-market-data-stream.md.</summary>
public sealed class StreamOptions
{
    public const string Section = "TradingApi:Stream";

    /// <summary>Messages one connection may have waiting to be sent; when full it is closed 4408 slow_consumer.</summary>
    [Range(4, 1_000_000)]
    public int SendBufferMessages { get; set; } = 1_024;

    /// <summary>Open streams (WebSocket and SSE) on this instance.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 5_000;

    /// <summary>Open streams from one client address (a camp shares one address behind its Wi-Fi, so this is generous).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 500;

    /// <summary>Authenticated streams of one token.</summary>
    [Range(1, 1_000)]
    public int MaxConnectionsPerToken { get; set; } = 3;

    /// <summary>Authenticated streams of one student over all their tokens.</summary>
    [Range(1, 1_000)]
    public int MaxConnectionsPerStudent { get; set; } = 5;

    /// <summary>The largest client message read; larger ones are answered bad_request.</summary>
    [Range(64, 65_536)]
    public int MaxMessageBytes { get; set; } = 4_096;

    /// <summary>Channels one connection may be subscribed to at once.</summary>
    [Range(1, 10_000)]
    public int MaxChannelsPerConnection { get; set; } = 100;

    /// <summary>subscribe, unsubscribe and snapshot ops one connection may send per second; more closes it 1008 abuse.</summary>
    [Range(1, 10_000)]
    public int MaxSubscribeOpsPerSecond { get; set; } = 10;

    /// <summary>Messages of any kind one connection may send per second; more closes it 1008 abuse.</summary>
    [Range(1, 100_000)]
    public int MaxMessagesPerSecond { get; set; } = 50;

    /// <summary>Bad messages (not JSON, unknown op, too large, binary) one connection may send before it is closed 1008 abuse.</summary>
    [Range(0, 1_000)]
    public int MaxBadMessages { get; set; } = 5;

    /// <summary>How long a connection that does not take its close frame is given before it is cut.</summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often open authenticated streams re-check their token, the student and the API switch.</summary>
    public TimeSpan RecheckEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The comment line an SSE stream gets when nothing else was sent for this long.</summary>
    public TimeSpan SseKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsValid => CloseGrace > TimeSpan.Zero && CloseGrace <= TimeSpan.FromMinutes(1)
        && RecheckEvery > TimeSpan.Zero && RecheckEvery <= TimeSpan.FromSeconds(10)
        && SseKeepAlive > TimeSpan.Zero && SseKeepAlive <= TimeSpan.FromMinutes(5);
}
