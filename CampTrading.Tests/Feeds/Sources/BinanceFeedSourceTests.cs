using System.Net.WebSockets;
using System.Text;
using CampTrading.Web.Feeds.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampTrading.Tests.Feeds.Sources;

/// <summary>The live source against <see cref="FakeBinanceServer"/> on loopback; nothing here reaches the real Binance.</summary>
public sealed class BinanceFeedSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private FakeBinanceServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeBinanceServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static BinanceFeedOptions FastOptions() => new()
    {
        InitialReconnectDelay = TimeSpan.FromMilliseconds(20),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    private BinanceFeedSource Source(string symbol = "BTCUSDT", BinanceFeedOptions? options = null, string? url = null) =>
        new(symbol, new Uri(url ?? _server.BaseUrl), options ?? FastOptions(), NullLogger<BinanceFeedSource>.Instance);

    private static async Task<FeedTick> NextAsync(IAsyncEnumerator<FeedTick> ticks)
    {
        Assert.True(await ticks.MoveNextAsync().AsTask().WaitAsync(Patience), "the source ended");
        return ticks.Current;
    }

    [Fact]
    public async Task It_connects_to_the_symbols_trade_stream_and_yields_prices_in_order()
    {
        var source = Source();
        using var stop = new CancellationTokenSource();
        await using var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator();
        var first = ticks.MoveNextAsync().AsTask();
        await _server.WaitForConnectionsAsync(1);
        Assert.Equal("/ws/btcusdt@trade", _server.Requests[0]);

        var start = DateTimeOffset.FromUnixTimeMilliseconds(1764000000000);
        for (var i = 0; i < 50; i++) Assert.Equal(1, await _server.PushTradeAsync("BTCUSDT", 97000m + i, start.AddMilliseconds(i)));

        Assert.True(await first.WaitAsync(Patience));
        var received = new List<FeedTick> { ticks.Current };
        while (received.Count < 50) received.Add(await NextAsync(ticks));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => new FeedTick("BTCUSDT", 97000m + i, start.AddMilliseconds(i))), received);
        Assert.Equal(50, source.Counters.Ticks);
        Assert.Equal(1, source.Counters.Connections);
    }

    [Fact]
    public async Task It_skips_and_counts_junk_oversized_binary_and_other_symbols_and_keeps_reading()
    {
        var source = Source();
        using var stop = new CancellationTokenSource();
        await using var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator();
        var next = ticks.MoveNextAsync().AsTask();
        await _server.WaitForConnectionsAsync(1);

        await _server.PushRawAsync("garbage {");
        await _server.PushRawAsync("""{"result":null,"id":1}""");
        await _server.PushRawAsync(FakeBinanceServer.Trade("ETHUSDT", 3600m, 1764000000000));
        await _server.PushRawAsync(FakeBinanceServer.Trade("BTCUSDT", -5m, 1764000000000));
        await _server.PushRawAsync("""{"e":"trade","s":"BTCUSDT","p":"1","T":1764000000000,"pad":" """ + new string('x', 200_000) + "\"}");
        await _server.PushAsync(Encoding.UTF8.GetBytes(FakeBinanceServer.Trade("BTCUSDT", 5m, 1764000000000)), WebSocketMessageType.Binary);
        await _server.PushTradeAsync("BTCUSDT", 97123.45m);

        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(97123.45m, ticks.Current.Price);
        var counters = source.Counters;
        Assert.Equal((1L, 1L, 1L, 2L, 1L, 1L), (counters.Ticks, counters.NotPrices, counters.OtherSymbols, counters.Malformed, counters.BadPrices, counters.Oversized));
        Assert.Equal(1, counters.Connections); // junk does not cost the connection
    }

    [Fact]
    public async Task It_reconnects_after_the_server_closes_or_drops_the_connection()
    {
        var source = Source();
        using var stop = new CancellationTokenSource();
        await using var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator();

        var next = ticks.MoveNextAsync().AsTask();
        await _server.WaitForConnectionsAsync(1);
        await _server.PushTradeAsync("BTCUSDT", 1m);
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(1m, ticks.Current.Price);

        next = ticks.MoveNextAsync().AsTask();
        await _server.DisconnectAllAsync(); // as Binance does after 24 hours
        await _server.WaitForConnectionsAsync(2);
        await PushUntilReceivedAsync(2m, next);
        Assert.Equal(2m, ticks.Current.Price);

        next = ticks.MoveNextAsync().AsTask();
        _server.AbortAll(); // a network failure, no close frame
        await _server.WaitForConnectionsAsync(3);
        await PushUntilReceivedAsync(3m, next);
        Assert.Equal(3m, ticks.Current.Price);
        Assert.Equal(3, source.Counters.Connections);
    }

    /// <summary>The new connection may be counted by the server a moment before the old one is gone from its list; push until heard.</summary>
    private async Task PushUntilReceivedAsync(decimal price, Task<bool> next)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!next.IsCompleted)
        {
            await _server.PushTradeAsync("BTCUSDT", price);
            await Task.WhenAny(next, Task.Delay(200, deadline.Token));
        }
        Assert.True(await next);
    }

    [Fact]
    public async Task It_keeps_retrying_a_server_that_is_down_and_connects_when_it_comes_up()
    {
        var port = new Uri(_server.BaseUrl).Port;
        await _server.DisposeAsync();
        var source = Source(url: $"ws://127.0.0.1:{port}");
        using var stop = new CancellationTokenSource();
        await using var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator();
        var next = ticks.MoveNextAsync().AsTask();

        using (var deadline = new CancellationTokenSource(Patience))
            while (source.Counters.ConnectFailures < 3) await Task.Delay(20, deadline.Token);
        Assert.False(next.IsCompleted);

        _server = await FakeBinanceServer.StartAsync(port);
        await _server.WaitForConnectionsAsync(1);
        await PushUntilReceivedAsync(42m, next);
        Assert.Equal(42m, ticks.Current.Price);
    }

    [Fact]
    public async Task A_connection_that_stays_silent_is_dropped_and_reopened()
    {
        var options = FastOptions();
        options.IdleTimeout = TimeSpan.FromMilliseconds(300);
        var source = Source(options: options);
        using var stop = new CancellationTokenSource();
        await using var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator();
        var next = ticks.MoveNextAsync().AsTask();

        await _server.WaitForConnectionsAsync(3); // nothing was pushed: only the idle timeout reconnects
        Assert.False(next.IsCompleted);
        await PushUntilReceivedAsync(7m, next);
        Assert.Equal(7m, ticks.Current.Price);
    }

    [Fact]
    public async Task Cancelling_ends_it_cleanly_while_waiting_for_a_message_and_while_waiting_to_reconnect()
    {
        var source = Source();
        using var stop = new CancellationTokenSource();
        await using (var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator())
        {
            var next = ticks.MoveNextAsync().AsTask();
            await _server.WaitForConnectionsAsync(1);
            await stop.CancelAsync();
            Assert.False(await next.WaitAsync(Patience));
        }

        var slow = new BinanceFeedOptions { InitialReconnectDelay = TimeSpan.FromHours(1), MaxReconnectDelay = TimeSpan.FromHours(1) };
        var waiting = Source(options: slow);
        using var stopWaiting = new CancellationTokenSource();
        await using var waitingTicks = waiting.ReadAsync(stopWaiting.Token).GetAsyncEnumerator();
        var pending = waitingTicks.MoveNextAsync().AsTask();
        await _server.WaitForConnectionsAsync(2);
        _server.AbortAll();
        using (var deadline = new CancellationTokenSource(Patience))
            while (_server.OpenConnections > 0) await Task.Delay(20, deadline.Token);
        await stopWaiting.CancelAsync();
        Assert.False(await pending.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_combined_stream_url_is_used_as_given_and_its_wrapper_read()
    {
        var source = Source(url: _server.BaseUrl + "/stream?streams=btcusdt@trade/btcusdt@kline_1m/ethusdt@trade");
        using var stop = new CancellationTokenSource();
        await using var ticks = source.ReadAsync(stop.Token).GetAsyncEnumerator();
        var next = ticks.MoveNextAsync().AsTask();
        await _server.WaitForConnectionsAsync(1);
        Assert.Equal("/stream?streams=btcusdt@trade/btcusdt@kline_1m/ethusdt@trade", _server.Requests[0]);

        await _server.PushRawAsync(FakeBinanceServer.Combined("ethusdt@trade", FakeBinanceServer.Trade("ETHUSDT", 3600m, 1764000000000)));
        await _server.PushRawAsync(FakeBinanceServer.Combined("btcusdt@kline_1m", FakeBinanceServer.Kline("BTCUSDT", 96000m, 1764000059999, 1764000060001)));
        Assert.True(await next.WaitAsync(Patience));
        Assert.Equal(new FeedTick("BTCUSDT", 96000m, DateTimeOffset.FromUnixTimeMilliseconds(1764000059999)), ticks.Current);
        Assert.Equal(1, source.Counters.OtherSymbols);
    }

    [Theory]
    [InlineData("wss://stream.binance.com:9443", "trade", "wss://stream.binance.com:9443/ws/btcusdt@trade")]
    [InlineData("wss://stream.binance.com:9443/", "kline_1m", "wss://stream.binance.com:9443/ws/btcusdt@kline_1m")]
    [InlineData("ws://proxy.local/binance", "trade", "ws://proxy.local/binance/ws/btcusdt@trade")]
    [InlineData("ws://127.0.0.1:5000/ws/btcusdt@aggTrade", "trade", "ws://127.0.0.1:5000/ws/btcusdt@aggTrade")]
    [InlineData("ws://127.0.0.1:5000/stream?streams=btcusdt@trade", "trade", "ws://127.0.0.1:5000/stream?streams=btcusdt@trade")]
    public void The_stream_url_is_built_from_a_bare_server_url_only(string baseUrl, string stream, string expected) =>
        Assert.Equal(new Uri(expected), BinanceFeedSource.StreamUrlFor(new Uri(baseUrl), "BTCUSDT", stream));

    [Fact]
    public void The_reconnect_delay_grows_exponentially_up_to_the_cap_with_jitter()
    {
        var options = new BinanceFeedOptions { InitialReconnectDelay = TimeSpan.FromMilliseconds(100), MaxReconnectDelay = TimeSpan.FromSeconds(5) };
        var source = new BinanceFeedSource("BTCUSDT", new Uri("ws://127.0.0.1:1"), options, NullLogger<BinanceFeedSource>.Instance);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var step = Math.Min(100 * Math.Pow(2, attempt), 5000);
            var delays = Enumerable.Range(0, 20).Select(_ => source.ReconnectDelay(attempt).TotalMilliseconds).ToArray();
            Assert.All(delays, d => Assert.InRange(d, step / 2, step));
        }
        var spread = Enumerable.Range(0, 50).Select(_ => source.ReconnectDelay(10)).Distinct().Count();
        Assert.True(spread > 1, "no jitter");
    }
}
