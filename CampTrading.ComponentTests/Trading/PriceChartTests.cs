using CampTrading.ComponentTests.Points;
using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using CampTrading.Web.Trading.Chart;

namespace CampTrading.ComponentTests.Trading;

public sealed class PriceChartTests : CampComponentTest, IAsyncLifetime
{
    private readonly TestMarket _market = new();

    public PriceChartTests()
    {
        _market.AddTo(Services);
        Services.AddSingleton(TimeProvider.System);
        SetRendererInfo(new RendererInfo("Server", true)); // an interactive circuit: the chart follows market updates
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _market.DisposeAsync();
    }

    [Fact]
    public void Leads_with_todays_line_and_offers_candles_with_their_interval_and_range()
    {
        RenderWithProviders();
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, 1));

        Assert.Equal("line", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-style"));
        Assert.Empty(chart.FindAll("[data-testid=chart-interval]"));
        Assert.Empty(chart.FindAll("[data-testid=chart-range]"));

        chart.FindAll("[data-testid=chart-style] .mud-toggle-item").Single(b => b.TextContent.Contains("K線", StringComparison.Ordinal)).Click();

        Assert.Equal("candles", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-style"));
        Assert.Single(chart.FindAll("[data-testid=chart-interval]"));
        Assert.Equal("1D", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-range"));
    }

    [Fact]
    public async Task A_trade_reaches_a_chart_that_started_empty()
    {
        var camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        var ann = await _market.StudentAsync("Ann", null, 1_000);
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, camp));
        Assert.Equal("0", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-candles"));

        await _market.SubmitAsync(new PlaceOrder(ann, camp, Side.Buy, OrderType.Market, 5));

        chart.WaitForAssertion(() => Assert.Equal("1", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-candles")));
        Assert.Empty(chart.FindAll(".chart-empty"));
        // The script takes the points as one argument (an object[] would have been spread into one argument per point).
        var sent = Assert.Single(JSInterop.Invocations["setData"]);
        Assert.Single(sent.Arguments);
        Assert.Equal(2, Assert.IsAssignableFrom<Array>(sent.Arguments[0]).Length); // the reference price, then the trade's minute
    }

    [Fact]
    public async Task A_trade_in_the_current_minute_goes_to_the_script_without_drawing_the_switches_again()
    {
        var camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        var ann = await _market.StudentAsync("Ann", null, 1_000);
        await _market.SubmitAsync(new PlaceOrder(ann, camp, Side.Buy, OrderType.Market, 5));
        RenderWithProviders();
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, camp));
        chart.WaitForAssertion(() => Assert.Equal("1", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-candles")));
        var renders = chart.RenderCount;

        // A trade at another price, most likely in the same minute: the last point moves in the script, and the markup,
        // which shows only the candle count, is drawn again only if the minute turned meanwhile.
        var bob = await _market.StudentAsync("Bob", null, 1_000);
        Assert.True((await _market.SubmitAsync(new PlaceOrder(bob, camp, Side.Buy, OrderType.Limit, 1, Price: 19))).IsOk);
        var sold = await _market.SubmitAsync(new PlaceOrder(ann, camp, Side.Sell, OrderType.Limit, 1, Price: 19));
        Assert.True(sold.IsOk, sold.ToString());
        Assert.Equal([19L, 20L], _market.Market.RecentTrades(camp, 10).Select(t => t.Price).Distinct().Order());

        // Not WaitForAssertion: bunit checks again on renders, and this update is not one.
        for (var waited = 0; JSInterop.Invocations["update"].Count == 0 && waited < 10_000; waited += 20) await Task.Delay(20);
        Assert.NotEmpty(JSInterop.Invocations["update"]);
        var candles = int.Parse(chart.Find("[data-testid=chart-canvas]").GetAttribute("data-candles")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(renders + candles - 1, chart.RenderCount);
    }

    [Fact]
    public void The_projector_chart_has_nothing_to_press()
    {
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, 1).Add(c => c.Controls, false));

        Assert.Empty(chart.FindAll("button, .mud-toggle-item, [data-testid=chart-style]"));
        Assert.Equal("line", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-style"));
    }
}
