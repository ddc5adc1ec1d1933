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

    private static InstrumentView Btc(FeedStatus status = FeedStatus.Live) =>
        new InstrumentView(2, "BTC", "Bitcoin", 90_000, 90_000, 0, 0, [], [], true)
        {
            Feed = new FeedView(new FeedTerms(1000, 10, 5, 20, 1000, 2000, 30), new FeedSourceSettings("replay", "BTCUSDT"), status, 90_000, 90_090, 89_910, DateTimeOffset.UnixEpoch),
        };

    private IRenderedComponent<FeedTicketForm> RenderTicket(InstrumentView instrument)
    {
        RenderWithProviders();
        return Render<FeedTicketForm>(ps => ps
            .Add(c => c.AccountId, 7)
            .Add(c => c.Instrument, instrument)
            .Add(c => c.Submit, order => { _sent.Add(order); return Task.FromResult(new CommandResult(RejectCode.None, 1, OrderStatus.Filled, order.Quantity, 451)); }));
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
}
