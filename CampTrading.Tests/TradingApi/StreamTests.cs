using System.Net;
using System.Text.Json;
using CampTrading.Tests.Support;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.TradingApi;

/// <summary>
/// The market-data stream over real WebSockets and HTTP against the whole app on Kestrel and PostgreSQL: every channel
/// after real orders through the API, the book rebuilt from snapshot + updates equal to REST /book, a lost update
/// detected by its seq and repaired by a snapshot, revoke closing an open stream, hostile input, and SSE.
/// </summary>
public sealed class StreamTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private StreamTestHost _host = null!;
    private Student _alice = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        _host = await StreamTestHost.StartAsync(postgres, settings: [("TradingApi:TokenBurst", "500"), ("TradingApi:StudentBurst", "600")]);
        _alice = await _host.AddStudentAsync("A1", "Alice", 1_000);
        _token = (await _host.TokenAsync(_alice)).Secret;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Every_channel_carries_what_real_orders_through_the_api_do()
    {
        await using var stream = await _host.ConnectAsync(bearer: _token);
        string[] channels = ["trades:CAMP", "book:CAMP", "candles:camp:1m", "ticker:CAMP", "status", "orders", "fills", "balances"];
        await stream.SendAsync(new { op = "subscribe", id = 1, channels });
        var subscribed = await stream.NextAsync("subscribed");
        Assert.Equal(1, subscribed.GetProperty("id").GetInt64());
        Assert.Equal(["trades:CAMP", "book:CAMP", "candles:CAMP:1m", "ticker:CAMP", "status", "orders", "fills", "balances"], Strings(subscribed.GetProperty("channels")));

        // The current state first: the book snapshot, the ticker, the session, the balance.
        var book = await stream.NextAsync("book", "book:CAMP");
        Assert.Equal(20, book.GetProperty("asks")[0][0].GetInt64()); // the IPO ask
        var ticker = await stream.NextAsync("ticker", "ticker:CAMP");
        Assert.Equal((20L, "open"), (ticker.GetProperty("bestAsk").GetInt64(), ticker.GetProperty("session").GetString()));
        Assert.Equal("open", (await stream.NextAsync("status", "status")).GetProperty("session").GetString());
        var balance = await stream.NextAsync("balance", "balances");
        Assert.Equal((1_000L, 0L), (balance.GetProperty("points").GetInt64(), balance.GetProperty("reservedPoints").GetInt64()));

        // Within one batch the hub sends book, trades, candles, ticker, then orders, fills, balances: the reads below follow that order.
        // A resting buy: the book gains the bid, the order opens, the points are reserved.
        var resting = await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 19 });
        var restingId = resting.GetProperty("orderId").GetInt64();
        var update = await stream.NextAsync("bookUpdate", "book:CAMP");
        Assert.Equal(book.GetProperty("seq").GetInt64() + 1, update.GetProperty("seq").GetInt64());
        Assert.Equal("[[19,10]]", update.GetProperty("bids").GetRawText());
        var opened = await stream.NextAsync("order", "orders", o => o.GetProperty("orderId").GetInt64() == restingId);
        Assert.Equal(("CAMP", "buy", 19L, 10L, 0L, 10L, "open"), (opened.GetProperty("symbol").GetString(), opened.GetProperty("side").GetString(),
            opened.GetProperty("price").GetInt64(), opened.GetProperty("quantity").GetInt64(), opened.GetProperty("filled").GetInt64(),
            opened.GetProperty("remaining").GetInt64(), opened.GetProperty("status").GetString()));
        var reserved = await stream.NextAsync("balance", "balances", b => b.GetProperty("reservedPoints").GetInt64() == 190);
        Assert.Equal((1_000L, 810L), (reserved.GetProperty("points").GetInt64(), reserved.GetProperty("availablePoints").GetInt64()));

        // A market buy trades 5 with the IPO ask: trade, candle, ticker, filled order, fill, balance.
        var market = await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "market", quantity = 5 });
        var marketId = market.GetProperty("orderId").GetInt64();
        var trade = await stream.NextAsync("trade", "trades:CAMP");
        Assert.Equal((20L, 5L, "buy"), (trade.GetProperty("price").GetInt64(), trade.GetProperty("quantity").GetInt64(), trade.GetProperty("takerSide").GetString()));
        Assert.True(trade.GetProperty("id").GetInt64() > 0 && trade.GetProperty("seq").GetInt64() > 0);
        var candle = await stream.NextAsync("candle", "candles:CAMP:1m");
        Assert.Equal((20L, 20L, 5L), (candle.GetProperty("open").GetInt64(), candle.GetProperty("close").GetInt64(), candle.GetProperty("volume").GetInt64()));
        var traded = await stream.NextAsync("ticker", "ticker:CAMP", t => t.GetProperty("lastPrice").GetInt64() == 20);
        Assert.Equal((19L, 5L), (traded.GetProperty("bestBid").GetInt64(), traded.GetProperty("dayVolume").GetInt64()));
        var filled = await stream.NextAsync("order", "orders", o => o.GetProperty("orderId").GetInt64() == marketId && o.GetProperty("status").GetString() == "filled");
        Assert.Equal((5L, 0L), (filled.GetProperty("filled").GetInt64(), filled.GetProperty("remaining").GetInt64()));
        var fill = await stream.NextAsync("fill", "fills");
        Assert.Equal((trade.GetProperty("id").GetInt64(), marketId, "CAMP", "buy", 20L, 5L), (fill.GetProperty("tradeId").GetInt64(), fill.GetProperty("orderId").GetInt64(),
            fill.GetProperty("symbol").GetString(), fill.GetProperty("side").GetString(), fill.GetProperty("price").GetInt64(), fill.GetProperty("quantity").GetInt64()));
        var after = await stream.NextAsync("balance", "balances", b => b.GetProperty("points").GetInt64() == 900);
        Assert.Equal(("CAMP", 5L), (after.GetProperty("holdings")[0].GetProperty("symbol").GetString(), after.GetProperty("holdings")[0].GetProperty("shares").GetInt64()));

        // Cancelling the resting buy: the bid leaves the book, the order is cancelled with its reason.
        using (var cancel = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/orders/{restingId}"))
        {
            cancel.Headers.Authorization = new("Bearer", _token);
            Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(cancel)).StatusCode);
        }
        Assert.Equal("[[19,0]]", (await stream.NextAsync("bookUpdate", "book:CAMP", u => u.GetProperty("bids").GetArrayLength() > 0)).GetProperty("bids").GetRawText());
        var cancelled = await stream.NextAsync("order", "orders", o => o.GetProperty("orderId").GetInt64() == restingId);
        Assert.Equal(("cancelled", "by_owner", 10L), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelReason").GetString(), cancelled.GetProperty("quantity").GetInt64()));

        // Unsubscribe, ping.
        await stream.ChannelsOpAsync("unsubscribe", 2, "fills");
        Assert.Equal(["fills"], Strings((await stream.NextAsync("unsubscribed", match: m => m.GetProperty("id").GetInt64() == 2)).GetProperty("channels")));
        await stream.SendAsync(new { op = "ping", id = 3 });
        Assert.Equal(3, (await stream.NextAsync("pong")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Snapshot_and_updates_rebuild_the_rest_book_with_contiguous_seq_and_a_lost_update_is_detected_and_resynced()
    {
        var bob = await _host.AddStudentAsync("B1", "Bob", 5_000);
        var bobToken = (await _host.TokenAsync(bob)).Secret;
        await using var stream = await _host.ConnectAsync();
        await stream.ChannelsOpAsync("subscribe", 1, "book:CAMP");
        await stream.NextAsync("subscribed");
        var book = new ClientBook();
        Assert.True(book.Apply(await stream.NextAsync("book", "book:CAMP")));

        // Bids at several prices (the band is 16–24) from two students, a market buy that eats into the IPO ask, Bob selling what he bought.
        foreach (var (token, price, quantity) in new[] { (_token, 16L, 4L), (bobToken, 17L, 3L), (_token, 18L, 2L), (bobToken, 16L, 6L) })
            await _host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity, price });
        await _host.OrderAsync(bobToken, new { symbol = "CAMP", side = "buy", type = "market", quantity = 30 });
        await _host.OrderAsync(bobToken, new { symbol = "CAMP", side = "sell", type = "limit", quantity = 7, price = 22 });
        await _host.OrderAsync(bobToken, new { symbol = "CAMP", side = "sell", type = "limit", quantity = 3, price = 18 }); // trades 2 with Alice's 18 bid, 1 rests
        await CatchUpAsync(stream, book);
        Assert.Equal(0, book.Gaps);

        // One update is lost on the way (the hub counts it but sends it to nobody): the next one shows the gap.
        _host.Hub.LoseNextBookUpdate("CAMP");
        await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 16 });
        var before = book.Seq;
        await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 2, price = 17 });
        var next = await stream.NextAsync("bookUpdate", "book:CAMP");
        Assert.Equal(before + 2, next.GetProperty("seq").GetInt64());
        Assert.False(book.Apply(next));
        Assert.Equal(1, book.Gaps);

        // The resync: a snapshot op, then updates follow it again.
        await stream.SendAsync(new { op = "snapshot", id = 9, channel = "book:CAMP" });
        var snapshot = await stream.NextAsync("book", "book:CAMP");
        Assert.True(book.Apply(snapshot));
        Assert.Equal(next.GetProperty("seq").GetInt64(), snapshot.GetProperty("seq").GetInt64());
        Assert.True(book.Matches(await _host.GetJsonAsync("/api/v1/instruments/CAMP/book")), book.ToString());
        await _host.OrderAsync(bobToken, new { symbol = "CAMP", side = "sell", type = "limit", quantity = 1, price = 21 });
        await CatchUpAsync(stream, book);
        Assert.Equal(1, book.Gaps);
        Assert.Contains(21L, book.Asks.Keys);
    }

    /// <summary>Applies updates until the rebuilt book equals REST /book (every update must follow the last seq).</summary>
    private async Task CatchUpAsync(StreamTestClient stream, ClientBook book)
    {
        var rest = await _host.GetJsonAsync("/api/v1/instruments/CAMP/book");
        while (!book.Matches(rest))
        {
            var update = await stream.NextAsync("bookUpdate", "book:CAMP");
            Assert.True(book.Apply(update), $"seq {update.GetProperty("seq").GetInt64()} after {book.Seq}");
        }
    }

    [Fact]
    public async Task Revoking_the_token_closes_an_open_private_stream_with_4401()
    {
        var created = await _host.TokenAsync(_alice, ApiScopes.Read);
        await using var stream = await _host.ConnectAsync();
        await stream.SendAsync(new { op = "auth", id = 1, token = created.Secret });
        Assert.Equal(1, (await stream.NextAsync("authenticated")).GetProperty("id").GetInt64());
        await stream.ChannelsOpAsync("subscribe", 2, "balances", "trades:CAMP");
        Assert.Equal(1_000, (await stream.NextAsync("balance")).GetProperty("points").GetInt64());

        Assert.True(await _host.Services.GetRequiredService<ApiTokenService>().RevokeOwnAsync(_alice.AccountId, created.Token!.Id));
        Assert.Equal((4401, "token_revoked"), await stream.ClosedAsync());

        // The same token is refused on a new stream, as an error before the close.
        await using var again = await _host.ConnectAsync(bearer: created.Secret);
        Assert.Equal("token_revoked", (await again.NextAsync("error")).GetProperty("code").GetString());
        Assert.Equal((4401, "token_revoked"), await again.ClosedAsync());
    }

    [Fact]
    public async Task Hostile_input_gets_stable_errors_and_too_much_of_it_closes_1008_abuse()
    {
        await using var stream = await _host.ConnectAsync();
        await stream.ChannelsOpAsync("subscribe", 1, "trades:CAMP", "trades:NOPE");
        var unknown = await stream.NextAsync("error");
        Assert.Equal((1L, "channel_unknown"), (unknown.GetProperty("id").GetInt64(), unknown.GetProperty("code").GetString()));
        await stream.ChannelsOpAsync("subscribe", 2, "candles:CAMP:2m");
        Assert.Equal("channel_unknown", (await stream.NextAsync("error")).GetProperty("code").GetString());
        await stream.ChannelsOpAsync("subscribe", 3, "orders");
        var required = await stream.NextAsync("error");
        Assert.Equal((3L, "token_required"), (required.GetProperty("id").GetInt64(), required.GetProperty("code").GetString()));
        await stream.SendAsync(new { op = "snapshot", id = 4, channel = "trades:CAMP" });
        Assert.Equal("channel_unknown", (await stream.NextAsync("error")).GetProperty("code").GetString());
        // The connection goes on after refusals.
        await stream.SendAsync(new { op = "ping", id = 5 });
        Assert.Equal(5, (await stream.NextAsync("pong")).GetProperty("id").GetInt64());

        foreach (var bad in new[] { "{not json", "[1,2]", "{\"op\":\"dance\"}", "{\"op\":\"ping\",\"id\":\"x\"}", new string('x', 5_000) })
        {
            await stream.SendTextAsync(bad);
            Assert.Equal("bad_request", (await stream.NextAsync("error")).GetProperty("code").GetString());
        }
        await stream.SendTextAsync("{\"op\":\"subscribe\",\"channels\":\"trades:CAMP\"}"); // the sixth bad message
        Assert.Equal((1008, "abuse"), await stream.ClosedAsync());

        // Too many subscribe ops in a second.
        await using var flood = await _host.ConnectAsync();
        for (var i = 0; i < 30; i++) await flood.SendAsync(new { op = "snapshot", id = i, channel = "book:CAMP" });
        Assert.Equal((1008, "abuse"), await flood.ClosedAsync());

        // A bad token on the upgrade: an error, then 4401.
        await using var badToken = await _host.ConnectAsync(bearer: "ctk_nonsense");
        Assert.Equal("token_invalid", (await badToken.NextAsync("error")).GetProperty("code").GetString());
        Assert.Equal((4401, "token_invalid"), await badToken.ClosedAsync());

        // A plain GET is told to use a WebSocket.
        using var plain = await _host.Http.GetAsync(new Uri("/api/v1/stream", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }

    [Fact]
    public async Task A_lone_surrogate_in_any_string_is_a_bad_request_and_the_connection_goes_on()
    {
        await using var stream = await _host.ConnectAsync();
        // Valid JSON whose escapes make no valid text: JsonDocument accepts it, reading it as a string throws.
        foreach (var bad in new[]
                 {
                     "{\"op\":\"\\ud800\",\"id\":1}",
                     "{\"op\":\"subscribe\",\"id\":2,\"channels\":[\"trades:CAMP\",\"\\udc00x\"]}",
                     "{\"op\":\"snapshot\",\"id\":3,\"channel\":\"book:\\ud83d\"}",
                     "{\"op\":\"auth\",\"id\":4,\"token\":\"ctk_\\ud800\"}",
                 })
        {
            await stream.SendTextAsync(bad);
            Assert.Equal("bad_request", (await stream.NextAsync("error")).GetProperty("code").GetString());
        }

        await stream.SendAsync(new { op = "ping", id = 5 });
        Assert.Equal(5, (await stream.NextAsync("pong")).GetProperty("id").GetInt64());
        await stream.ChannelsOpAsync("subscribe", 6, "trades:CAMP");
        Assert.Equal(6, (await stream.NextAsync("subscribed")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Switching_the_api_off_closes_open_streams_4401_and_refuses_new_ones_503()
    {
        await using var anonymous = await _host.ConnectAsync();
        await anonymous.ChannelsOpAsync("subscribe", 1, "trades:CAMP");
        await anonymous.NextAsync("subscribed");
        await using var authenticated = await _host.ConnectAsync(bearer: _token);
        await authenticated.ChannelsOpAsync("subscribe", 1, "balances");
        await authenticated.NextAsync("balance");

        await _host.Services.GetRequiredService<ApiSwitch>().SetAsync(false, "test-admin");
        Assert.Equal((4401, "api_disabled"), await anonymous.ClosedAsync());
        Assert.Equal((4401, "token_revoked"), await authenticated.ClosedAsync());

        var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => _host.ConnectAsync());
        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        using var sse = await _host.Http.GetAsync(new Uri("/api/v1/stream/sse?channels=trades:CAMP", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sse.StatusCode);
    }

    [Fact]
    public async Task The_trading_api_description_tells_how_to_use_the_stream()
    {
        var document = await _host.GetJsonAsync("/openapi/trading.json");
        var description = document.GetProperty("info").GetProperty("description").GetString()!;
        Assert.Contains("/api/v1/stream", description, StringComparison.Ordinal);
        Assert.Contains("slow_consumer", description, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/stream", document.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Sse_streams_public_channels_as_events_to_a_plain_http_client()
    {
        using (var refused = await _host.Http.GetAsync(new Uri("/api/v1/stream/sse?channels=trades:CAMP,orders", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var unknown = await _host.Http.GetAsync(new Uri("/api/v1/stream/sse?channels=book:NOPE", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stream/sse?channels=trades:CAMP,book:CAMP");
        using var response = await _host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // against a hang only

        async Task<(string Event, JsonElement Data)> NextEventAsync(string wanted)
        {
            string? name = null;
            while (await reader.ReadLineAsync(patience.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == wanted) return (name, JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
            throw new Xunit.Sdk.XunitException("The event stream ended before a " + wanted);
        }

        Assert.Equal(["trades:CAMP", "book:CAMP"], Strings((await NextEventAsync("subscribed")).Data.GetProperty("channels")));
        Assert.Equal(20, (await NextEventAsync("book")).Data.GetProperty("asks")[0][0].GetInt64());
        await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "market", quantity = 2 });
        var trade = (await NextEventAsync("trade")).Data;
        Assert.Equal(("trades:CAMP", 20L, 2L), (trade.GetProperty("channel").GetString(), trade.GetProperty("price").GetInt64(), trade.GetProperty("quantity").GetInt64()));
    }
}
