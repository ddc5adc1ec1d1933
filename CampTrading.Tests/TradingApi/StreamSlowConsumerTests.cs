using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.TradingApi;

/// <summary>
/// A client that stops reading is closed 4408 slow_consumer once its bounded queue is full, while another connection on
/// the same channel receives every trade, in order. The server's socket buffers are shrunk to a few KB and the queue to
/// 512 messages (room for a dozen batches of 40 trades for the reader that keeps up), so a thousand-odd trades fill them.
/// </summary>
public sealed class StreamSlowConsumerTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private StreamTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await StreamTestHost.StartAsync(postgres, smallSocketBuffers: true, settings:
            [("TradingApi:Stream:SendBufferMessages", "512"), ("TradingApi:Stream:CloseGrace", "00:01:00"),
                ("StudentLimits:Orders:PerAccount", "100000"), ("StudentLimits:Orders:PerSource", "100000")]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_4408_while_another_gets_every_trade()
    {
        var buyers = new List<int>();
        for (var i = 0; i < 8; i++) buyers.Add((await _host.AddStudentAsync($"S{i}", $"Buyer {i}", 1_000_000)).AccountId);

        await using var slow = await _host.ConnectAsync(receiveBufferBytes: 1_024);
        await slow.ChannelsOpAsync("subscribe", 1, "trades:CAMP");
        await slow.NextAsync("subscribed");
        // ...and from here on it reads nothing.

        await using var fast = await _host.ConnectAsync();
        await fast.ChannelsOpAsync("subscribe", 1, "trades:CAMP");
        await fast.NextAsync("subscribed");
        var received = new List<JsonElement>();
        var totalTrades = 0;
        var reading = Task.Run(async () =>
        {
            while (await fast.ReceiveAsync() is { } message)
            {
                if (message.GetProperty("type").GetString() != "trade") continue;
                lock (received) received.Add(message);
            }
        });

        // Market buys of one share from the IPO ask, 40 at a time, until the slow client is dropped (and 40 more after).
        var extraRounds = 1;
        for (var round = 0; round < 200 && extraRounds >= 0; round++)
        {
            if (_host.Metrics.SlowConsumerDrops > 0) extraRounds--;
            var orders = Enumerable.Range(0, 40).Select(k =>
                _host.Exchange.SubmitAsync(new PlaceOrder(buyers[k % buyers.Count], 1, Side.Buy, OrderType.Market, 1, 0, TimeInForce.Ioc)));
            foreach (var result in await Task.WhenAll(orders)) Assert.Equal(OrderStatus.Filled, result.Status);
            totalTrades += 40;
        }
        Assert.Equal(1, _host.Metrics.SlowConsumerDrops);

        // The fast connection got every trade, each seq one more than the last.
        await StreamTestHost.WaitForAsync(() => { lock (received) return received.Count >= totalTrades; });
        lock (received)
        {
            Assert.Equal(totalTrades, received.Count);
            var seqs = received.Select(m => m.GetProperty("seq").GetInt64()).ToArray();
            Assert.All(seqs.Skip(1).Zip(seqs), pair => Assert.Equal(pair.Second + 1, pair.First));
            Assert.Equal(received.Select(m => m.GetProperty("id").GetInt64()).Order(), received.Select(m => m.GetProperty("id").GetInt64()));
        }

        // The slow client, reading again, finds what was sent before its queue filled and then the close.
        Assert.Equal((4408, "slow_consumer"), await slow.ClosedAsync());

        // The drop and the close are on /metrics.
        var metrics = await _host.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("camp_stream_slow_consumer_drops", metrics, StringComparison.Ordinal);
        Assert.Contains("reason=\"slow_consumer\"", metrics, StringComparison.Ordinal);
        Assert.Contains("camp_stream_messages_sent", metrics, StringComparison.Ordinal);
        Assert.Contains("camp_stream_connections", metrics, StringComparison.Ordinal);
        Assert.False(reading.IsFaulted, reading.Exception?.ToString());
    }
}
