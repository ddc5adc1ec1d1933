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
        Services.AddLogging();
        Services.AddSingleton(new CampTrading.Core.ReadModels.Leaderboard(_market.Market));
        Services.AddSingleton<CampTrading.Web.LiveMarket.BoardFrame>();
        Services.AddSingleton<CampTrading.Web.LiveMarket.LiveMarketHub>(); // the chart's first frame is its stream's current one
        SetRendererInfo(new RendererInfo("Server", true)); // an interactive circuit: the chart is made in the browser
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
    public async Task The_chart_is_created_with_the_day_so_far_and_handed_to_the_instruments_stream()
    {
        var camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        var ann = await _market.StudentAsync("Ann", null, 1_000);
        await _market.SubmitAsync(new PlaceOrder(ann, camp, Side.Buy, OrderType.Market, 5));
        RenderWithProviders();

        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, camp));

        // The script takes the points as one argument (an object[] would have been spread into one argument per point).
        chart.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["chart"]));
        var created = Assert.Single(JSInterop.Invocations["create"]);
        Assert.Equal(2, Assert.IsAssignableFrom<Array>(created.Arguments[2]).Length); // the reference price, then the trade's minute
        // From the last point on, the stream keeps it current: the URL, the instrument, the mode, the last point's time, the
        // count, the reference price a line starts from, and the frame to draw first.
        var follow = JSInterop.Invocations["chart"].Single().Arguments;
        Assert.Equal($"live/market/{camp}", follow[0]);
        Assert.Equal(camp, follow[1]);
        Assert.Equal("line", follow[4]);
        var minute = _market.Market.Candles(camp, CampTrading.Core.ReadModels.CandleInterval.OneMinute, DateTimeOffset.UnixEpoch)[^1];
        Assert.Equal(ChartSeries.ChartTime(minute.Start, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei")), follow[5]);
        Assert.Equal(1, follow[6]);
        Assert.Contains("\"c\":{\"OneMinute\":[[", Assert.IsType<string>(follow[8]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_to_candles_follows_the_chosen_interval_and_a_trade_draws_nothing_here()
    {
        var camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        var ann = await _market.StudentAsync("Ann", null, 1_000);
        RenderWithProviders();
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, camp));
        chart.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["chart"]));

        chart.FindAll("[data-testid=chart-style] .mud-toggle-item").Single(b => b.TextContent.Contains("K線", StringComparison.Ordinal)).Click();
        chart.WaitForAssertion(() => Assert.Equal(2, JSInterop.Invocations["chart"].Count));
        Assert.Equal("OneMinute", JSInterop.Invocations["chart"][1].Arguments[4]);
        var renders = chart.RenderCount;

        await _market.SubmitAsync(new PlaceOrder(ann, camp, Side.Buy, OrderType.Market, 5));
        await Task.Delay(300); // three frames: the component does not follow the market, the stream does

        Assert.Equal(renders, chart.RenderCount);
        Assert.Empty(JSInterop.Invocations["update"]);
    }

    [Fact]
    public async Task The_projector_chart_follows_the_boards_stream_which_carries_its_minutes()
    {
        var camp = (int)(await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Stock"))).Id;
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, camp).Add(c => c.Controls, false).Add(c => c.Stream, "live/board"));

        chart.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["chart"]));
        var follow = JSInterop.Invocations["chart"].Single().Arguments;
        Assert.Equal(("live/board", camp), (follow[0], follow[1]));
        Assert.Null(follow[8]); // the board's own part gives the stream its first frame
    }

    [Fact]
    public void The_projector_chart_has_nothing_to_press()
    {
        var chart = Render<PriceChart>(p => p.Add(c => c.InstrumentId, 1).Add(c => c.Controls, false));

        Assert.Empty(chart.FindAll("button, .mud-toggle-item, [data-testid=chart-style]"));
        Assert.Equal("line", chart.Find("[data-testid=chart-canvas]").GetAttribute("data-style"));
    }
}
