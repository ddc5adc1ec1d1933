using System.Net;
using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Support;
using CampTrading.Tests.TradingApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampTrading.Tests.LiveMarket;

/// <summary>
/// The shared market stream (/live/market/{id}, /live/board) over real HTTP against the whole app on Kestrel and
/// PostgreSQL: the current frame first, a new one after real orders, nothing that names an account, a reader that stops
/// reading holding nobody up, and a stopping app ending every stream.
/// </summary>
public sealed class LiveMarketStreamTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private StreamTestHost _host = null!;
    private string _token = "";
    private int _alice;
    private int _camp;

    public async Task InitializeAsync()
    {
        _host = await StreamTestHost.StartAsync(postgres, smallSocketBuffers: true, settings: [("TradingApi:TokenBurst", "5000"), ("TradingApi:StudentBurst", "5000"),
            ("StudentLimits:Orders:PerAccount", "100000"), ("StudentLimits:Orders:PerSource", "100000")]);
        var alice = await _host.AddStudentAsync("A1", "Alice", 1_000_000);
        _alice = alice.AccountId;
        _token = (await _host.TokenAsync(alice)).Secret;
        _camp = _host.Exchange.Market.Instrument("CAMP")!.Id;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<LiveReader> OpenAsync(string path, HttpClient? http = null)
    {
        var response = await (http ?? _host.Http).GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private Task<JsonElement> OrderAsync(object order) => _host.OrderAsync(_token, order);

    [Fact]
    public async Task A_trade_page_stream_starts_with_the_current_frame_and_follows_real_orders_naming_nobody()
    {
        using var live = await OpenAsync($"/live/market/{_camp}");

        Assert.Equal("retry: 1000", await live.ReadLineAsync()); // the browser reconnects after a second
        var first = await live.NextFrameAsync(_ => true);
        Assert.Equal("20", first.GetProperty("b").GetProperty("asks")[0][1].GetString()); // the IPO's ask
        Assert.Equal(0, first.GetProperty("t").GetArrayLength());

        await OrderAsync(new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 19 });
        var rested = await live.NextFrameAsync(f => f.GetProperty("b").GetProperty("bids").GetArrayLength() > 0);
        Assert.Equal("19", rested.GetProperty("b").GetProperty("bids")[0][1].GetString());
        Assert.True(rested.GetProperty("v").GetInt64() > first.GetProperty("v").GetInt64());

        await OrderAsync(new { symbol = "CAMP", side = "buy", type = "market", quantity = 5 });
        var traded = await live.NextFrameAsync(f => f.GetProperty("t").GetArrayLength() > 0);
        var trade = traded.GetProperty("t")[0];
        Assert.Equal(_host.Exchange.Market.RecentTrades(_camp, 1)[0].Id, trade[0].GetInt64());
        Assert.Equal(("20", "up", "5"), (trade[2].GetString(), trade[3].GetString(), trade[4].GetString()));
        Assert.Equal("20", traded.GetProperty("h").GetProperty("last").GetString());
        Assert.DoesNotContain("Alice", traded.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_stream_carries_the_price_tiles_and_the_rankings()
    {
        await OrderAsync(new { symbol = "CAMP", side = "buy", type = "market", quantity = 3 });
        using var live = await OpenAsync("/live/board");

        var frame = await live.NextFrameAsync(f => f.TryGetProperty("tape", out var tape) && tape.GetArrayLength() > 0);

        Assert.Equal(_camp, frame.GetProperty("featured").GetInt32());
        Assert.Equal("CAMP", frame.GetProperty("tickers")[0][0].GetString());
        Assert.Equal("Alice", frame.GetProperty("people")[0][1].GetString()); // the board is public: names are what it shows
        Assert.Equal("3", frame.GetProperty("tape")[0][4].GetString());
    }

    [Fact]
    public async Task An_unknown_instrument_is_not_found_and_a_head_request_is_answered_at_once()
    {
        using (var missing = await _host.Http.GetAsync("/live/market/999", HttpCompletionOption.ResponseHeadersRead))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, "/live/board");
        using var cancel = new CancellationTokenSource(Patience);
        using var answered = await _host.Http.SendAsync(head, cancel.Token); // reads the whole (empty) answer: it must end
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task A_phone_that_stops_reading_holds_nobody_up_and_reads_the_newest_frame_when_it_comes_back()
    {
        using var stalled = await OpenAsync($"/live/market/{_camp}"); // reads nothing while the market moves
        using var reading = await OpenAsync($"/live/market/{_camp}");
        using var stop = new CancellationTokenSource();
        var following = reading.FollowAsync(stop.Token);

        // 300 trades over about three seconds: each frame carries the last 30 trades (about 2 KB), one frame per 100 ms.
        for (var i = 0; i < 300; i++) // straight to the engine: the API's per-student limits would refuse most of them
        {
            var bought = await _host.Exchange.SubmitAsync(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, 1));
            Assert.True(bought.IsOk, bought.Code.ToString());
            await Task.Delay(10);
        }
        var last = _host.Exchange.Market.Status.LastSeq;
        for (var waited = 0; reading.NewestV < last && waited < 10_000; waited += 20) await Task.Delay(20);
        Assert.True(reading.NewestV >= last, "the reading phone was held up"); // it has the newest frame
        await stop.CancelAsync();
        await following;
        var read = reading.Frames;
        Assert.True(read >= 15, $"the reading phone got {read} frames");

        // Back: what waited in its buffers, then the newest frame. (That a follower keeps only the newest frame, however
        // long it stalls, is LiveTopicTests': loopback buffers hold more than a quick test can fill.)
        await stalled.NextFrameAsync(f => f.GetProperty("v").GetInt64() >= last);
    }

    [Fact]
    public async Task Stopping_the_app_ends_every_open_stream()
    {
        using var live = await OpenAsync($"/live/market/{_camp}");
        await live.NextFrameAsync(_ => true);

        _host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        using var cancel = new CancellationTokenSource(Patience);
        while (await live.ReadLineAsync(cancel.Token) is not null) { }
    }

    private sealed class LiveReader(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            return await reader.ReadLineAsync(timeout.Token);
        }

        /// <summary>The next frame that <paramref name="wanted"/>; fails after 10 s.</summary>
        public async Task<JsonElement> NextFrameAsync(Func<JsonElement, bool> wanted)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                var frame = JsonDocument.Parse(line[6..]).RootElement;
                if (wanted(frame)) return frame;
            }
            throw new InvalidOperationException("the stream ended");
        }

        /// <summary>Frames read by <see cref="FollowAsync"/>, and the newest one's v.</summary>
        public int Frames { get; private set; }

        public long NewestV { get; private set; }

        /// <summary>Reads every frame as a phone does until <paramref name="stop"/>.</summary>
        public async Task FollowAsync(CancellationToken stop)
        {
            try
            {
                while (await reader.ReadLineAsync(stop) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    Frames++;
                    NewestV = JsonDocument.Parse(line[6..]).RootElement.GetProperty("v").GetInt64();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
