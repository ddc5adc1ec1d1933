using CampTrading.Core.Feeds;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.TradingApi;

/// <summary>Feed-priced instruments through the trading API: quantities are whole minor units, the instrument says how many make a whole unit.</summary>
public sealed class FeedInstrumentApiTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    /// <summary>A live source that never answers (nothing listens on the discard port): the test sets every price itself.</summary>
    private const string SilentFeed = "ws://127.0.0.1:9";

    private TradingApiHost _host = null!;

    public async Task InitializeAsync() => _host = await TradingApiHost.StartAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_bot_buys_a_fraction_in_minor_units_at_the_houses_ask_and_a_stale_feed_is_refused_with_its_code()
    {
        var terms = new FeedTerms(1000, 10, 5, 20, 1000, 2000, 3600);
        var btc = (int)(await _host.Exchange.SubmitAsync(ListFeedInstrument.Of("BTC", "Bitcoin", terms, new FeedSourceSettings("binance", "BTCUSDT", SilentFeed), "staff"))).Id;
        var alice = await _host.AddStudentAsync("F1", "Alice", 10_000);
        var token = await _host.TokenAsync(alice);

        // No price yet: refused with feed_stale.
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(token, new { symbol = "BTC", side = "buy", type = "market", quantity = 5 }), 422, "feed_stale");

        Assert.True((await _host.Exchange.SubmitAsync(new FeedPrice(btc, 90_000, DateTimeOffset.UtcNow.UtcTicks))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Instrument(btc)?.Feed?.Price == 90_000);
        var instruments = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments"));
        var info = instruments.GetProperty("instruments").EnumerateArray().Single(i => i.GetProperty("symbol").GetString() == "BTC");
        Assert.Equal(1000, info.GetProperty("unitsPerWhole").GetInt64());
        Assert.Equal(("live", 90_090L, 89_910L), (info.GetProperty("feed").GetProperty("status").GetString(),
            info.GetProperty("feed").GetProperty("ask").GetInt64(), info.GetProperty("feed").GetProperty("bid").GetInt64()));

        // 5 minor units = 0.005 BTC at the ask 90,090: ⌈450.45⌉ = 451, plus the minimum fee 5.
        var order = await TradingApiHost.JsonAsync(await _host.OrderAsync(token, new { symbol = "BTC", side = "buy", type = "market", quantity = 5 }));
        Assert.Equal(("filled", 5L, 451L), (order.GetProperty("status").GetString(), order.GetProperty("filled").GetInt64(), order.GetProperty("filledValue").GetInt64()));
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(alice.AccountId)?.Points == 10_000 - 456);

        // Above the instrument's own per-order limit (1 whole = 1000 units), whatever the stock rules say.
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(token, new { symbol = "BTC", side = "buy", type = "market", quantity = 1001 }), 400, "quantity_above_max");
        await _host.AssertBooksBalanceAsync();
    }
}
