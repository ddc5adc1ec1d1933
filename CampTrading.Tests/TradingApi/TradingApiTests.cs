using System.Net;
using System.Text;
using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Tests.Support;
using CampTrading.Web.Roster;
using CampTrading.Web.TradingApi;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampTrading.Tests.TradingApi;

/// <summary>
/// The trading API over HTTP through the whole app pipeline (routing, filters, rate limits, problem details) on a real
/// database: roster students with tokens, the market open with its IPO ask at 20, and requests as a bot would send them.
/// </summary>
public sealed class TradingApiTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private TradingApiHost _host = null!;
    private Student _alice = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        // Buckets big enough for the fuzz below; TradingApiRateLimitTests checks the limits themselves.
        _host = await TradingApiHost.StartAsync(postgres, ("TradingApi:TokenBurst", "500"), ("TradingApi:StudentBurst", "600"));
        _alice = await _host.AddStudentAsync("A1", "Alice", 1_000);
        _token = await _host.TokenAsync(_alice);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Orders_are_placed_read_and_cancelled_one_and_all_with_rate_limit_headers_on_every_private_answer()
    {
        // A limit buy at 19 rests (the IPO ask is at 20); a second one too.
        var resting = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 19 }));
        Assert.Equal("open", resting.GetProperty("status").GetString());
        Assert.Equal("gtc", resting.GetProperty("timeInForce").GetString());
        var restingId = resting.GetProperty("orderId").GetInt64();
        var second = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, new { symbol = "camp", side = "BUY", type = "limit", quantity = 5, price = 18 }));

        // A market buy and an IOC limit trade with the IPO ask at once.
        var market = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "market", quantity = 5 }));
        Assert.Equal(("filled", 5L, 100L, 20L), (market.GetProperty("status").GetString(), market.GetProperty("filled").GetInt64(),
            market.GetProperty("filledValue").GetInt64(), market.GetProperty("averagePrice").GetInt64()));
        var ioc = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 3, price = 20, timeInForce = "ioc" }));
        Assert.Equal("filled", ioc.GetProperty("status").GetString());

        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(_alice.AccountId)?.SharesOf(1) == 8);
        var portfolio = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/me/portfolio", _token));
        Assert.Equal(1_000 - 160, portfolio.GetProperty("points").GetInt64());
        Assert.Equal(10 * 19 + 5 * 18, portfolio.GetProperty("reservedPoints").GetInt64());
        Assert.Equal(0, portfolio.GetProperty("debt").GetInt64());
        var holding = portfolio.GetProperty("holdings")[0];
        Assert.Equal(("CAMP", 8L, 160L, 20m), (holding.GetProperty("symbol").GetString(), holding.GetProperty("shares").GetInt64(),
            holding.GetProperty("costBasis").GetInt64(), holding.GetProperty("averageCost").GetDecimal()));

        var orders = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/me/orders", _token));
        Assert.Equal([second.GetProperty("orderId").GetInt64(), restingId], orders.GetProperty("open").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
        await TradingApiHost.WaitForAsync(() => true);
        var fills = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/me/fills?limit=10", _token));
        Assert.Equal(2, fills.GetProperty("fills").GetArrayLength());
        Assert.All(fills.GetProperty("fills").EnumerateArray(), f => Assert.Equal("buy", f.GetProperty("side").GetString()));

        var cancel = await _host.DeleteAsync($"/api/v1/orders/{restingId}", _token);
        Assert.Equal("cancelled", (await TradingApiHost.JsonAsync(cancel)).GetProperty("status").GetString());
        await TradingApiHost.ProblemAsync(await _host.DeleteAsync($"/api/v1/orders/{restingId}", _token), 404, "order_unknown");
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.OpenOrders(_alice.AccountId).Count == 1);
        var all = await TradingApiHost.JsonAsync(await _host.DeleteAsync("/api/v1/orders?symbol=CAMP", _token));
        Assert.Equal(second.GetProperty("orderId").GetInt64(), all.GetProperty("cancelled")[0].GetProperty("orderId").GetInt64());
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(_alice.AccountId)?.ReservedPoints == 0);

        // Someone else's order cannot be cancelled with this token.
        var bob = await _host.AddStudentAsync("B1", "Bob", 500);
        var bobs = await TradingApiHost.JsonAsync(await _host.OrderAsync(await _host.TokenAsync(bob), new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 19 }));
        await TradingApiHost.ProblemAsync(await _host.DeleteAsync($"/api/v1/orders/{bobs.GetProperty("orderId").GetInt64()}", _token), 403, "order_not_owned");

        foreach (var path in new[] { "/api/v1/me/portfolio", "/api/v1/me/orders", "/api/v1/me/fills" })
        {
            var response = await _host.GetAsync(path, _token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("500", response.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.True(int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture) < 500);
            Assert.True(response.Headers.Contains("X-RateLimit-Reset"));
        }
        await _host.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_retry_with_the_same_client_order_id_answers_the_same_order_and_places_nothing()
    {
        var order = new { symbol = "CAMP", side = "buy", type = "limit", quantity = 4, price = 20, clientOrderId = "bot-0001" };
        var first = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, order));
        var retry = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, order));
        Assert.False(first.GetProperty("repeat").GetBoolean());
        Assert.True(retry.GetProperty("repeat").GetBoolean());
        Assert.Equal(first.GetProperty("orderId").GetInt64(), retry.GetProperty("orderId").GetInt64());
        Assert.Equal(first.GetProperty("filled").GetInt64(), retry.GetProperty("filled").GetInt64());

        // Another token of the same student shares the id space; a fresh id is a new order.
        var other = await _host.TokenAsync(_alice, name: "second");
        Assert.Equal(first.GetProperty("orderId").GetInt64(), (await TradingApiHost.JsonAsync(await _host.OrderAsync(other, order))).GetProperty("orderId").GetInt64());
        var fresh = await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, order with { clientOrderId = "bot-0002" }));
        Assert.NotEqual(first.GetProperty("orderId").GetInt64(), fresh.GetProperty("orderId").GetInt64());

        // The same id for a different order is refused: the answer never describes an order that was not placed.
        using var reused = await _host.OrderAsync(_token, new { symbol = "CAMP", side = "sell", type = "market", quantity = 9_999, clientOrderId = "bot-0001" });
        await TradingApiHost.ProblemAsync(reused, 409, "request_key_conflict");
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(_alice.AccountId)?.SharesOf(1) == 8);
        await _host.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Public_market_data_answers_instruments_book_trades_candles_and_ticker()
    {
        await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 20 }));
        await TradingApiHost.JsonAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 2, price = 18 }));
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.RecentTrades(1).Count == 1);

        var instruments = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments"));
        Assert.Equal("open", instruments.GetProperty("session").GetProperty("state").GetString());
        Assert.Equal("force_open", instruments.GetProperty("session").GetProperty("override").GetString());
        var rules = instruments.GetProperty("rules");
        Assert.Equal((20, 1L, 10_000L), (rules.GetProperty("bandPercent").GetInt32(), rules.GetProperty("tickSize").GetInt64(), rules.GetProperty("maxOrderQuantity").GetInt64()));
        var camp = instruments.GetProperty("instruments")[0];
        Assert.Equal(("CAMP", 20L, 16L, 24L), (camp.GetProperty("symbol").GetString(), camp.GetProperty("lastPrice").GetInt64(),
            camp.GetProperty("bandLow").GetInt64(), camp.GetProperty("bandHigh").GetInt64()));

        var book = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments/CAMP/book?depth=1"));
        Assert.Equal(18, book.GetProperty("bids")[0].GetProperty("price").GetInt64());
        Assert.Equal(1, book.GetProperty("bids").GetArrayLength());
        Assert.Equal(20, book.GetProperty("asks")[0].GetProperty("price").GetInt64());

        var trades = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments/CAMP/trades?limit=5"));
        var trade = trades.GetProperty("trades")[0];
        Assert.Equal((20L, 10L, "buy"), (trade.GetProperty("price").GetInt64(), trade.GetProperty("quantity").GetInt64(), trade.GetProperty("takerSide").GetString()));
        Assert.False(trade.TryGetProperty("buyerId", out _)); // the market is anonymous

        var candles = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments/CAMP/candles?interval=5m&limit=10"));
        Assert.Equal(10, candles.GetProperty("candles")[0].GetProperty("volume").GetInt64());
        var ticker = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments/CAMP/ticker"));
        Assert.Equal((20L, 18L, 20L, 10L), (ticker.GetProperty("lastPrice").GetInt64(), ticker.GetProperty("bestBid").GetInt64(),
            ticker.GetProperty("bestAsk").GetInt64(), ticker.GetProperty("dayVolume").GetInt64()));

        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/instruments/NOPE/book"), 404, "instrument_unknown");
        var reordered = await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/instruments/%E2%80%AEPMAC/book"), 404, "instrument_unknown");
        Assert.Equal("No instrument has the symbol '\uFFFDPMAC'.", reordered.GetProperty("detail").GetString()); // no right-to-left override quoted back
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/instruments/CAMP/book?depth=11"), 400, "validation_failed");
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/instruments/CAMP/candles?interval=2m"), 400, "validation_failed");
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/instruments/CAMP/candles?from=yesterday"), 400, "validation_failed");
    }

    [Fact]
    public async Task Missing_wrong_read_only_revoked_expired_and_disabled_tokens_are_refused_with_their_codes()
    {
        var missing = await _host.GetAsync("/api/v1/me/portfolio");
        await TradingApiHost.ProblemAsync(missing, 401, "token_invalid");
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/portfolio", _token[..^1] + (_token[^1] == 'A' ? 'B' : 'A')), 401, "token_invalid");
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/portfolio", "ctk_garbage"), 401, "token_invalid");

        var readOnly = await _host.TokenAsync(_alice, ApiScopes.Read, "reader");
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/v1/me/portfolio", readOnly)).StatusCode);
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(readOnly, new { symbol = "CAMP", side = "buy", type = "market", quantity = 1 }), 403, "scope_missing");
        var tradeOnly = await _host.TokenAsync(_alice, ApiScopes.Trade, "trader");
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/orders", tradeOnly), 403, "scope_missing");

        // Revoked: refused on the very next request (the directory forgets it at once).
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/v1/me/portfolio", _token)).StatusCode);
        var mine = await _host.Tokens.ListAsync(_alice.AccountId);
        Assert.True(await _host.Tokens.RevokeOwnAsync(_alice.AccountId, mine.Single(t => t.Name == "bot").Id));
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/portfolio", _token), 401, "token_revoked");
        Assert.False(await _host.Tokens.RevokeOwnAsync(_alice.AccountId + 1_000, mine.Single(t => t.Name == "reader").Id)); // not theirs

        // Expired.
        var expiring = await _host.Tokens.CreateAsync(_alice.AccountId, "short", ApiScopes.Read, 1);
        Assert.True(expiring.Ok);
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/v1/me/portfolio", expiring.Secret)).StatusCode);
        await using (var cmd = _host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("update api_tokens set expires_at = now() - interval '1 second' where id = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = expiring.Token!.Id });
            await cmd.ExecuteNonQueryAsync();
        }
        _host.Services.GetRequiredService<ApiTokenDirectory>().Invalidate(expiring.Token.PublicId);
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/portfolio", expiring.Secret), 401, "token_expired");

        // A disabled student: every token refused at once; enabled again, it works again.
        Assert.True((await _host.Exchange.SubmitAsync(new SetRestrictions(_alice.AccountId, AccountRestrictions.Disabled, "test-admin"))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(_alice.AccountId)!.Restrictions.HasFlag(AccountRestrictions.Disabled));
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/portfolio", readOnly), 401, "account_disabled");
        Assert.True((await _host.Exchange.SubmitAsync(new SetRestrictions(_alice.AccountId, AccountRestrictions.None, "test-admin"))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(_alice.AccountId)!.Restrictions == AccountRestrictions.None);
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/v1/me/portfolio", readOnly)).StatusCode);

        // At most MaxTokensPerStudent live tokens (5): reader, trader, short (expired: not counted), so three more… then refused.
        for (var i = 0; i < 3; i++) Assert.True((await _host.Tokens.CreateAsync(_alice.AccountId, "more" + i, ApiScopes.Read, null)).Ok);
        Assert.Equal(TokenRefusal.TooMany, (await _host.Tokens.CreateAsync(_alice.AccountId, "one too many", ApiScopes.Read, null)).Refusal);
        Assert.Equal(TokenRefusal.NameInvalid, (await _host.Tokens.CreateAsync(_alice.AccountId, "bad\u202Ename", ApiScopes.Read, null)).Refusal);
        Assert.Equal(TokenRefusal.NoScope, (await _host.Tokens.CreateAsync(_alice.AccountId, "none", ApiScopes.None, null)).Refusal);

        // Only the hash is stored.
        await using var stored = _host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("select count(*) from api_tokens where secret_hash = sha256(convert_to($1, 'UTF8'))");
        stored.Parameters.Add(new NpgsqlParameter { Value = readOnly[(4 + ApiTokens.PublicIdLength + 1)..] });
        Assert.Equal(1L, await stored.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Switched_off_every_call_answers_503_api_disabled_and_on_again_it_works()
    {
        var apiSwitch = _host.Services.GetRequiredService<ApiSwitch>();
        await apiSwitch.SetAsync(false, "test-admin");
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/instruments"), 503, "api_disabled");
        await TradingApiHost.ProblemAsync(await _host.GetAsync("/api/v1/me/portfolio", _token), 503, "api_disabled");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "market", quantity = 1 }), 503, "api_disabled");
        Assert.Empty(_host.Exchange.Market.OpenOrders(_alice.AccountId));
        await apiSwitch.SetAsync(true, "test-admin");
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/v1/instruments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.GetAsync("/api/v1/me/portfolio", _token)).StatusCode);
    }

    [Fact]
    public async Task Engine_refusals_answer_the_engines_codes_and_change_nothing()
    {
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 30 }), 400, "price_outside_band");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 100, price = 20 }), 422, "insufficient_points");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "sell", type = "limit", quantity = 1, price = 20 }), 422, "insufficient_shares");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10_001, price = 20 }), 400, "quantity_above_max");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 0, price = 20 }), 400, "invalid_quantity");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1 }), 400, "invalid_price");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "NOPE", side = "buy", type = "market", quantity = 1 }), 404, "instrument_unknown");
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "mar\u212Aet", quantity = 1 }), 400, "validation_failed"); // a Kelvin sign is not a K
        await TradingApiHost.ProblemAsync(await _host.DeleteAsync("/api/v1/orders/999999", _token), 404, "order_unknown");
        Assert.True((await _host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceClose, "test"))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Status.Session == SessionState.Closed);
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(_token, new { symbol = "CAMP", side = "buy", type = "market", quantity = 1 }), 422, "market_closed");
        Assert.Equal(1_000, _host.Exchange.Market.Account(_alice.AccountId)!.Points);
        Assert.Empty(_host.Exchange.Market.OpenOrders(_alice.AccountId));
    }

    [Fact]
    public async Task Hostile_bodies_and_query_strings_are_answered_4xx_with_a_code_never_500_and_the_books_balance()
    {
        string[] bodies =
        [
            "", "null", "[]", "42", "\"text\"", "{", "not json", "{\"symbol\":\"CAMP\"}",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1.5,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":"10","price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":99999999999999999999999,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":-5,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":-20}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":9223372036854775807}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":9223372036854775807,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":20,"accountId":2}""",
            """{"symbol":"CAMP","side":"buy","side":"sell","type":"limit","quantity":1,"price":20}""",
            """{"symbol":"CAMP","side":"short","type":"limit","quantity":1,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"stop","quantity":1,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"market","quantity":1,"price":20}""",
            """{"symbol":"CAMP","side":"buy","type":"market","quantity":1,"timeInForce":"gtc"}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":20,"timeInForce":"day"}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":20,"clientOrderId":"bad id with spaces"}""",
            """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":20,"clientOrderId":""}""",
            "{\"symbol\":\"" + new string('C', 5_000) + "\"}",
            "{\"symbol\":\"CA\u0000MP\",\"side\":\"buy\",\"type\":\"market\",\"quantity\":1}",
            "{\"a\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}",
            new string(' ', 100_000),
        ];
        foreach (var body in bodies)
        {
            var response = await _host.PostAsync("/api/v1/orders", _token, body);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500 and not 429, $"{status} for {body[..Math.Min(body.Length, 80)]}");
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()));
        }
        await TradingApiHost.ProblemAsync(await _host.PostAsync("/api/v1/orders", _token, new string(' ', 100_000)), 413, "request_too_large");
        await TradingApiHost.ProblemAsync(await _host.PostAsync("/api/v1/orders", _token, """{"symbol":"CAMP","side":"buy","type":"limit","quantity":1,"price":20,"accountId":2}"""), 400, "validation_failed");

        string[] paths =
        [
            "/api/v1/instruments/CAMP/book?depth=-1", "/api/v1/instruments/CAMP/book?depth=99999999999999999999", "/api/v1/instruments/CAMP/book?depth=1.5",
            "/api/v1/instruments/CAMP/trades?limit=0", "/api/v1/instruments/CAMP/trades?limit=%00", "/api/v1/instruments/CAMP/candles?from=0001-01-01",
            "/api/v1/instruments/CAMP/candles?to=9999-12-31T23:59:59Z", "/api/v1/instruments/CAMP/candles?from=2026-07-02&to=2026-07-01",
            "/api/v1/instruments/" + new string('X', 2_000) + "/ticker", "/api/v1/instruments/%E2%80%AE/ticker", "/api/v1/me/orders?limit=abc",
            "/api/v1/me/fills?limit=1000", "/api/v1/orders?symbol=" + new string('Y', 500),
        ];
        foreach (var path in paths)
        {
            var response = path.StartsWith("/api/v1/orders", StringComparison.Ordinal) ? await _host.DeleteAsync(path, _token) : await _host.GetAsync(path, _token);
            Assert.True((int)response.StatusCode is >= 400 and < 500 and not 429, $"{(int)response.StatusCode} for {path[..Math.Min(path.Length, 80)]}");
        }
        foreach (var id in new[] { "0", "-1", "abc", "99999999999999999999", "1.5" })
            await TradingApiHost.ProblemAsync(await _host.DeleteAsync("/api/v1/orders/" + id, _token), 400, "validation_failed");

        // What the framework refuses before any endpoint runs is a problem with a code too, never an empty body or a page.
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded" })
            foreach (var path in new[] { "/api/v1/orders", "/api/arcade/v1/transactions" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent("{}", Encoding.UTF8, type) };
                await TradingApiHost.ProblemAsync(await _host.Http.SendAsync(request), 415, "unsupported_media_type");
            }
        foreach (var path in new[] { "/api/v1/nope", "/api/v1/instruments/CAMP/nope", "/api/arcade/v1/nope" })
            await TradingApiHost.ProblemAsync(await _host.GetAsync(path, _token), 404, "not_found");
        await TradingApiHost.ProblemAsync(await _host.SendAsync(HttpMethod.Put, "/api/v1/orders", _token, "{}"), 405, "method_not_allowed");

        Assert.Equal(1_000, _host.Exchange.Market.Account(_alice.AccountId)!.Points);
        Assert.Empty(_host.Exchange.Market.OpenOrders(_alice.AccountId));
        await _host.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task The_openapi_document_has_every_operation_with_examples_and_the_docs_page_offers_it()
    {
        var response = await _host.GetAsync("/openapi/trading.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/instruments", "/api/v1/instruments/{symbol}/book", "/api/v1/instruments/{symbol}/candles", "/api/v1/instruments/{symbol}/ticker",
            "/api/v1/instruments/{symbol}/trades", "/api/v1/me/fills", "/api/v1/me/orders", "/api/v1/me/portfolio", "/api/v1/orders", "/api/v1/orders/{orderId}",
        ];
        Assert.Equal(expected, paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).ToArray();
        Assert.Equal(11, operations.Length);
        foreach (var operation in operations)
        {
            var responses = operation.Value.GetProperty("responses");
            Assert.True(responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("examples").EnumerateObject().Any(), operation.Name);
            Assert.Equal("api_disabled", responses.GetProperty("503").GetProperty("content").GetProperty("application/problem+json").GetProperty("examples")
                .GetProperty("api_disabled").GetProperty("value").GetProperty("code").GetString());
        }
        var place = paths.GetProperty("/api/v1/orders").GetProperty("post");
        Assert.Equal("limit", place.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples")
            .GetProperty("limit").GetProperty("value").GetProperty("type").GetString());
        Assert.True(place.GetProperty("responses").GetProperty("401").GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").TryGetProperty("token_invalid", out _));
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());

        var ui = await _host.Http.GetAsync(new Uri("/api/docs/index.html", UriKind.Relative));
        var config = await ui.Content.ReadAsStringAsync() + await (await _host.Http.GetAsync(new Uri("/api/docs/index.js", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("/openapi/trading.json", config, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }
}
