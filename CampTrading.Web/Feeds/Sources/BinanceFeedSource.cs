using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace CampTrading.Web.Feeds.Sources;

/// <summary>
/// Live prices for one symbol from a server speaking Binance's WebSocket market-stream format. Runs until cancelled:
/// a closed or failed connection (including Binance's disconnect after 24 hours) is reopened after a capped, jittered,
/// exponentially growing wait. Messages it cannot trust are counted in <see cref="Counters"/> and skipped.
/// </summary>
public sealed class BinanceFeedSource : IFeedSource
{
    private readonly BinanceFeedOptions _options;
    private readonly string _symbol;
    private readonly ILogger _logger;

    public BinanceFeedSource(string symbol, Uri baseUrl, BinanceFeedOptions options, ILogger<BinanceFeedSource> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessageBytes, 256);
        _symbol = symbol.ToUpperInvariant();
        _options = options;
        _logger = logger;
        StreamUrl = StreamUrlFor(baseUrl, _symbol, options.Stream);
    }

    /// <summary>The URL it connects to.</summary>
    public Uri StreamUrl { get; }

    public FeedSourceCounters Counters { get; } = new();

    /// <summary><c>/ws/{symbol}@{stream}</c> under a bare server URL; a URL that already names its stream(s) as given.</summary>
    public static Uri StreamUrlFor(Uri baseUrl, string symbol, string stream)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var path = baseUrl.AbsolutePath;
        if (path.Contains("/ws/", StringComparison.Ordinal) || path.TrimEnd('/').EndsWith("/stream", StringComparison.Ordinal)) return baseUrl;
        var builder = new UriBuilder(baseUrl) { Path = path.TrimEnd('/') + "/ws/" + symbol.ToLowerInvariant() + "@" + stream };
        return builder.Uri;
    }

    public async IAsyncEnumerable<FeedTick> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[_options.MaxMessageBytes];
        var failedAttempts = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using (var socket = await ConnectAsync(cancellationToken))
            {
                if (socket is not null)
                {
                    var opened = Stopwatch.GetTimestamp();
                    var delivered = false;
                    var rejectedBefore = Counters.Rejected;
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    while (true)
                    {
                        idle.CancelAfter(_options.IdleTimeout);
                        var received = await ReceiveAsync(socket, buffer, idle.Token, cancellationToken);
                        if (received.End) break;
                        idle.CancelAfter(Timeout.InfiniteTimeSpan); // time spent by the reader between messages is not silence
                        var tick = default(FeedTick);
                        var outcome = received.Outcome ?? BinanceMessageParser.Parse(buffer.AsSpan(0, received.Length), _symbol, out tick);
                        if (outcome == FeedMessageOutcome.Tick)
                        {
                            Counters.Count(outcome);
                            delivered = true;
                            yield return tick;
                        }
                        else
                        {
                            Counters.Count(outcome);
                            _logger.LogDebug("Binance feed {Symbol}: ignored a message ({Outcome}, {Length} bytes)", _symbol, outcome, received.Length);
                        }
                    }
                    var rejected = Counters.Rejected - rejectedBefore;
                    if (rejected > 0)
                        _logger.LogWarning("Binance feed {Symbol}: {Rejected} untrustworthy messages ignored on the last connection", _symbol, rejected);
                    // A connection that worked resets the backoff, so a routine disconnect (Binance's 24 h limit) reconnects at once.
                    if (delivered || Stopwatch.GetElapsedTime(opened) > _options.MaxReconnectDelay) failedAttempts = 0;
                    await CloseQuietlyAsync(socket);
                }
            }
            if (cancellationToken.IsCancellationRequested) break;
            var delay = ReconnectDelay(failedAttempts++);
            _logger.Log(failedAttempts > 3 ? LogLevel.Warning : LogLevel.Information,
                "Binance feed {Symbol}: reconnecting in {Delay} ms (attempt {Attempt})", _symbol, (long)delay.TotalMilliseconds, failedAttempts);
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        _logger.LogInformation("Binance feed {Symbol}: stopped", _symbol);
    }

    /// <summary>Capped exponential backoff with jitter (50–100 % of the step), so many sources do not reconnect in step.</summary>
    internal TimeSpan ReconnectDelay(int failedAttempts)
    {
        var step = _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts, 30));
        var capped = Math.Min(step, _options.MaxReconnectDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + 0.5 * Random.Shared.NextDouble()));
    }

    private async Task<ClientWebSocket?> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = _options.KeepAliveInterval;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(StreamUrl, timeout.Token);
            Counters.Connected();
            _logger.LogInformation("Binance feed {Symbol}: connected to {Url}", _symbol, StreamUrl);
            return socket;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
            Counters.ConnectFailed();
            _logger.LogWarning("Binance feed {Symbol}: connecting to {Url} timed out", _symbol, StreamUrl);
        }
        catch (Exception e)
        {
            Counters.ConnectFailed();
            _logger.LogWarning("Binance feed {Symbol}: cannot connect to {Url}: {Error}", _symbol, StreamUrl, e.GetBaseException().Message);
        }
        socket.Dispose();
        return null;
    }

    /// <summary>One message, or the end of the connection. A message over the cap is read to its end and discarded.</summary>
    private readonly record struct Received(bool End, int Length, FeedMessageOutcome? Outcome);

    private async Task<Received> ReceiveAsync(ClientWebSocket socket, byte[] buffer, CancellationToken idle, CancellationToken stop)
    {
        var length = 0;
        var oversized = false;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(oversized ? buffer.AsMemory() : buffer.AsMemory(length), idle);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _logger.LogInformation("Binance feed {Symbol}: the server closed the connection ({Status} {Description})",
                        _symbol, socket.CloseStatus, socket.CloseStatusDescription);
                    return new Received(true, 0, null);
                }
                if (!oversized) length += result.Count;
                if (result.EndOfMessage)
                {
                    if (oversized) return new Received(false, 0, FeedMessageOutcome.Oversized);
                    return new Received(false, length, result.MessageType == WebSocketMessageType.Binary ? FeedMessageOutcome.Malformed : null);
                }
                if (!oversized && length == buffer.Length) oversized = true;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Binance feed {Symbol}: no message for {Idle}; reconnecting", _symbol, _options.IdleTimeout);
        }
        catch (Exception e)
        {
            _logger.LogWarning("Binance feed {Symbol}: connection lost: {Error}", _symbol, e.GetBaseException().Message);
        }
        return new Received(true, 0, null);
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception)
        {
            // Best effort: the socket is disposed next either way.
        }
    }
}
