using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

/// <summary>The trade page's ticket for a feed-priced instrument: 1 BTC = 1000 units, fee 10 bps (min 5), spread 20 bps, feed 90,000.</summary>
public sealed class FeedTicketFormTests : CampComponentTest
{
    private readonly List<PlaceOrder> _sent = [];
    private Func<PlaceOrder, CommandResult> _answer = order => new CommandResult(RejectCode.None, 1, OrderStatus.Filled, order.Quantity, 451);

    private static InstrumentView Btc(FeedStatus status = FeedStatus.Live) =>
        new InstrumentView(2, "BTC", "Bitcoin", 90_000, 90_000, 0, 0, [], [], true)
        {
            Feed = new FeedView(new FeedTerms(1000, 10, 5, 20, 1000, 2000, 30), new FeedSourceSettings("replay", "BTCUSDT"), status, 90_000, 90_090, 89_910, DateTimeOffset.UnixEpoch),
        };

    private IRenderedComponent<MudProviderHost>? _providers;

    private IRenderedComponent<FeedTicketForm> RenderTicket(InstrumentView instrument)
    {
        _providers = RenderWithProviders();
        return Render<FeedTicketForm>(ps => ps
            .Add(c => c.AccountId, 7)
            .Add(c => c.Instrument, instrument)
            .Add(c => c.Submit, order => { _sent.Add(order); return Task.FromResult(_answer(order)); }));
    }

    [Fact]
    public async Task A_fractional_quantity_shows_cost_and_fee_at_the_ask_and_is_sent_as_exact_minor_units()
    {
        var cut = RenderTicket(Btc());
        Assert.Contains("90,090", cut.Find("[data-testid=feed-quote]").TextContent);

        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.005" });
        // ⌈90,090 × 5 / 1000⌉ = 451, fee max(5, ⌈0.451⌉) = 5
        Assert.Equal(("451", "5", "456"), (cut.Find("[data-testid=feed-value]").TextContent, cut.Find("[data-testid=feed-fee]").TextContent, cut.Find("[data-testid=feed-total]").TextContent));
        await cut.Find("[data-testid=feed-submit-order]").ClickAsync(new());

        var order = Assert.Single(_sent);
        Assert.Equal((2, Side.Buy, OrderType.Market, 5L, OrderOrigin.Web), (order.InstrumentId, order.Side, order.Type, order.Quantity, order.Origin));
    }

    [Fact]
    public async Task A_sale_shows_what_is_received_at_the_bid_net_of_the_fee()
    {
        var cut = RenderTicket(Btc());
        await cut.Find("[data-testid=feed-side-sell]").ClickAsync(new());
        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.005" });
        // ⌊89,910 × 5 / 1000⌋ = 449, fee 5 → 444
        Assert.Equal("444", cut.Find("[data-testid=feed-total]").TextContent);
    }

    [Fact]
    public async Task More_decimals_than_the_lot_allows_are_refused_and_nothing_is_sent()
    {
        var cut = RenderTicket(Btc());
        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.0005" });
        Assert.Contains("0.001", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=feed-preview]"));
        Assert.True(cut.Find("[data-testid=feed-submit-order]").HasAttribute("disabled"));
        Assert.Empty(_sent);
    }

    [Fact]
    public async Task A_stale_feed_disables_the_ticket()
    {
        var cut = RenderTicket(Btc(FeedStatus.Stale));
        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.005" });
        Assert.NotEmpty(cut.FindAll("[data-testid=feed-halted]"));
        Assert.True(cut.Find("[data-testid=feed-submit-order]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_limit_starts_at_the_feed_price_and_a_buy_below_the_ask_rests_holding_its_cost_at_the_limit()
    {
        _answer = order => new CommandResult(RejectCode.None, 9, OrderStatus.Open, 0, 0, order.Quantity);
        var cut = RenderTicket(Btc());
        await cut.FindAll("[data-testid=feed-order-type] .mud-toggle-item")[1].ClickAsync(new());
        Assert.Equal("90000", cut.Find("input[data-testid=feed-price]").GetAttribute("value"));

        await cut.Find("input[data-testid=feed-price]").InputAsync(new() { Value = "80000" });
        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.01" });
        // at the limit: 80,000 × 10 / 1000 = 800, fee max(5, ⌈0.8⌉) = 5 → 805 held
        var outcome = cut.Find("[data-testid=feed-limit-outcome]");
        Assert.Equal("true", outcome.GetAttribute("data-rests"));
        Assert.Contains("80,000", outcome.TextContent);
        Assert.Equal(("800", "805"), (cut.Find("[data-testid=feed-value]").TextContent, cut.Find("[data-testid=feed-total]").TextContent));
        Assert.Contains("成交前先保留", cut.Find("[data-testid=feed-preview]").TextContent); // held until it fills

        await cut.Find("[data-testid=feed-submit-order]").ClickAsync(new());
        var order = Assert.Single(_sent);
        Assert.Equal((OrderType.Limit, 10L, 80_000L, TimeInForce.Gtc), (order.Type, order.Quantity, order.Price, order.TimeInForce));
        var providers = _providers!;
        providers.WaitForAssertion(() => Assert.Contains("0.010 BTC @ 80,000", providers.Markup)); // the snackbar
    }

    [Fact]
    public async Task A_sell_limit_at_or_below_the_bid_fills_now_at_the_bid_and_IOC_is_sent()
    {
        var cut = RenderTicket(Btc());
        await cut.Find("[data-testid=feed-side-sell]").ClickAsync(new());
        await cut.FindAll("[data-testid=feed-order-type] .mud-toggle-item")[1].ClickAsync(new());
        await cut.Find("input[data-testid=feed-price]").InputAsync(new() { Value = "89000" });
        await cut.FindAll("[data-testid=feed-tif] .mud-toggle-item")[1].ClickAsync(new());
        Assert.Contains("IOC", cut.Find("[data-testid=feed-tif-hint]").TextContent);
        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.005" });

        var outcome = cut.Find("[data-testid=feed-limit-outcome]");
        Assert.Equal("false", outcome.GetAttribute("data-rests"));
        Assert.Contains("89,910", outcome.TextContent);
        Assert.Equal("444", cut.Find("[data-testid=feed-total]").TextContent);

        await cut.Find("[data-testid=feed-submit-order]").ClickAsync(new());
        Assert.Equal((Side.Sell, 89_000L, TimeInForce.Ioc), (_sent[0].Side, _sent[0].Price, _sent[0].TimeInForce));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("12.5")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task A_limit_price_that_is_not_a_whole_number_of_points_in_range_disables_the_ticket(string price)
    {
        var cut = RenderTicket(Btc());
        await cut.FindAll("[data-testid=feed-order-type] .mud-toggle-item")[1].ClickAsync(new());
        await cut.Find("input[data-testid=feed-price]").InputAsync(new() { Value = price });
        await cut.Find("input[data-testid=feed-quantity]").InputAsync(new() { Value = "0.005" });
        Assert.Empty(cut.FindAll("[data-testid=feed-preview]"));
        Assert.True(cut.Find("[data-testid=feed-submit-order]").HasAttribute("disabled"));
        Assert.Contains("請輸入整數點數", cut.Markup);
    }
}
