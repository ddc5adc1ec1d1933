using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Tests.Support;

namespace CampTrading.Tests.TradingApi;

/// <summary>
/// Time in force over the trading API: "fok" is accepted wherever "ioc" is, answers what the engine did (filled, or
/// cancelled as fok_unfilled with nothing traded), is listed in the rules, and is refused in the pre-open with its own code.
/// The market is open with the IPO ask at 20.
/// </summary>
public sealed class TimeInForceApiTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private TradingApiHost _host = null!;

    public async Task InitializeAsync() => _host = await TradingApiHost.StartAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Fok_fills_whole_or_is_cancelled_and_is_refused_in_the_pre_open()
    {
        var alice = await _host.AddStudentAsync("T1", "Alice", 1_000);
        var token = await _host.TokenAsync(alice);

        var instruments = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/instruments"));
        Assert.Equal(["gtc", "ioc", "fok"], instruments.GetProperty("rules").GetProperty("timeInForce").EnumerateArray().Select(e => e.GetString()));

        // Nothing is offered at 19 or below: killed, nothing traded, nothing reserved.
        var killed = await TradingApiHost.JsonAsync(await _host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 19, timeInForce = "fok" }));
        Assert.Equal(("cancelled", "fok_unfilled", "fok", 0L, 10L), (killed.GetProperty("status").GetString(), killed.GetProperty("cancelReason").GetString(),
            killed.GetProperty("timeInForce").GetString(), killed.GetProperty("filled").GetInt64(), killed.GetProperty("remaining").GetInt64()));

        // The IPO ask at 20 covers all 10: filled at once.
        var filled = await TradingApiHost.JsonAsync(await _host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 10, price = 20, timeInForce = "FOK" }));
        Assert.Equal(("filled", 10L, 200L), (filled.GetProperty("status").GetString(), filled.GetProperty("filled").GetInt64(), filled.GetProperty("filledValue").GetInt64()));

        // A market FOK sell with no bids at all does nothing.
        var marketKilled = await TradingApiHost.JsonAsync(await _host.OrderAsync(token, new { symbol = "CAMP", side = "sell", type = "market", quantity = 4, timeInForce = "fok" }));
        Assert.Equal(("cancelled", "fok_unfilled"), (marketKilled.GetProperty("status").GetString(), marketKilled.GetProperty("cancelReason").GetString()));

        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Account(alice.AccountId)?.SharesOf(1) == 10);
        var portfolio = await TradingApiHost.JsonAsync(await _host.GetAsync("/api/v1/me/portfolio", token));
        Assert.Equal((800L, 0L), (portfolio.GetProperty("points").GetInt64(), portfolio.GetProperty("reservedPoints").GetInt64()));
        Assert.Equal((10L, 0L), (portfolio.GetProperty("holdings")[0].GetProperty("shares").GetInt64(), portfolio.GetProperty("holdings")[0].GetProperty("reserved").GetInt64()));

        await TradingApiHost.ProblemAsync(await _host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 20, timeInForce = "aon" }), 400, "validation_failed");

        Assert.True((await _host.Exchange.SubmitAsync(new SetMarketOverride(MarketOverride.PreOpen, "test"))).IsOk);
        await TradingApiHost.WaitForAsync(() => _host.Exchange.Market.Status.Session == SessionState.PreOpen);
        await TradingApiHost.ProblemAsync(await _host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 20, timeInForce = "fok" }), 422, "fok_needs_open_market");
        var ioc = await TradingApiHost.JsonAsync(await _host.OrderAsync(token, new { symbol = "CAMP", side = "buy", type = "limit", quantity = 1, price = 20, timeInForce = "ioc" }));
        Assert.Equal(("open", "ioc"), (ioc.GetProperty("status").GetString(), ioc.GetProperty("timeInForce").GetString()));

        await _host.AssertBooksBalanceAsync();
    }
}
