using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.TradingApi;

/// <summary>
/// The pre-open and the opening auction through the whole app: staff start the pre-open, bots' orders rest without
/// trading while the API reports the phase, and the open fills them at one price (the IPO ask at 20 takes part).
/// </summary>
public sealed class OpeningAuctionApiTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private TradingApiHost _host = null!;

    public async Task InitializeAsync() => _host = await TradingApiHost.StartAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Orders_placed_in_the_pre_open_wait_and_the_open_fills_them_at_one_price()
    {
        var alice = await _host.AddStudentAsync("P1", "Alice", 1_000);
        var bob = await _host.AddStudentAsync("P2", "Bob", 1_000);
        var aliceToken = await _host.TokenAsync(alice);
        var bobToken = await _host.TokenAsync(bob);
        Assert.True((await _host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.PreOpen, "test"))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Status.Session == SessionState.PreOpen);

        var instruments = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments"));
        Assert.Equal("pre_open", instruments.GetProperty("session").GetProperty("state").GetString());
        Assert.Equal("pre_open", instruments.GetProperty("session").GetProperty("override").GetString());

        // A limit buy above the IPO's 20 and a market buy both wait: nothing trades before the open.
        var limit = await TradingApiHost.JsonAsync(await _host.OrderAsync(aliceToken, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 22 }));
        Assert.Equal(("open", 0L), (limit.GetProperty("status").GetString(), limit.GetProperty("filled").GetInt64()));
        var market = await TradingApiHost.JsonAsync(await _host.OrderAsync(bobToken, new { symbol = "CAMP", side = "buy", type = "market", quantity = 5 }));
        Assert.Equal("open", market.GetProperty("status").GetString());
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Instruments[0].Indicative.Volume == 15);
        // 15 shares trade at 20 or 22 alike, with the same imbalance against the IPO pool: 20 is the reference.
        Assert.Equal(20, _host.Exchange.Market.Instruments[0].Indicative.Price);
        var camp = (await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments"))).GetProperty("instruments")[0];
        var ipo = camp.GetProperty("ipo");
        Assert.Equal(("standing", 20L, 1_000_000L), // this host lists CAMP with a standing treasury ask
            (ipo.GetProperty("phase").GetString(), ipo.GetProperty("price").GetInt64(), ipo.GetProperty("shares").GetInt64()));
        var auction = camp.GetProperty("auction");
        Assert.Equal((20L, 15L, 15L), (auction.GetProperty("indicativePrice").GetInt64(), auction.GetProperty("indicativeVolume").GetInt64(),
            auction.GetProperty("buyVolume").GetInt64()));
        var trades = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments/CAMP/trades"));
        Assert.Equal(0, trades.GetProperty("trades").GetArrayLength());

        Assert.True((await _host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(bob.AccountId)?.SharesOf(1) == 5);
        var open = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, open.GetProperty("instruments")[0].GetProperty("auction").ValueKind); // only in the pre-open
        var ipoAfter = open.GetProperty("instruments")[0].GetProperty("ipo"); // the standing ask sold 15 in the auction
        Assert.Equal(("standing", 1_000_000L - 15), (ipoAfter.GetProperty("phase").GetString(), ipoAfter.GetProperty("shares").GetInt64()));

        var portfolio = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/me/portfolio", aliceToken));
        Assert.Equal((1_000L - 200, 0L), (portfolio.GetProperty("points").GetInt64(), portfolio.GetProperty("reservedPoints").GetInt64()));
        Assert.Equal(10, portfolio.GetProperty("holdings")[0].GetProperty("shares").GetInt64());
        var fills = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/me/fills", bobToken));
        Assert.All(fills.GetProperty("fills").EnumerateArray(), f => Assert.Equal(20, f.GetProperty("price").GetInt64()));
        Assert.Equal(5L, fills.GetProperty("fills").EnumerateArray().Sum(f => f.GetProperty("quantity").GetInt64()));
        await _host.AssertBooksBalanceAsync();
    }
}
