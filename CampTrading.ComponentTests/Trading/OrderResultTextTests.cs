using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CampTrading.ComponentTests.Trading;

/// <summary>The engine's answer to an order in words, in English: a resting order reads as an order, a feed order in whole units.</summary>
public sealed class OrderResultTextTests() : CampComponentTest("en")
{
    private IStringLocalizer<TradingText> T => Services.GetRequiredService<IStringLocalizer<TradingText>>();

    [Fact]
    public void A_resting_buy_is_an_order_to_buy_not_a_purchase()
    {
        var order = new PlaceOrder(3, 1, Side.Buy, OrderType.Limit, 10, 19);
        var (text, ok) = OrderResultText.Describe(T, order, new CommandResult(RejectCode.None, 7, OrderStatus.Open, 0, 0, 10));
        Assert.True(ok);
        Assert.Equal("Order placed: buy 10 @ 19 resting", text);
        var (filled, _) = OrderResultText.Describe(T, order, new CommandResult(RejectCode.None, 7, OrderStatus.Filled, 10, 190));
        Assert.Equal("Filled: bought 10 at avg 19", filled);
    }

    [Fact]
    public void A_feed_order_is_told_in_whole_units()
    {
        var btc = new InstrumentView(2, "BTC", "Bitcoin", 90_000, 90_000, 0, 0, [], [], true)
        {
            Feed = new FeedView(new FeedTerms(1000, 10, 5, 20, 1000, 2000, 3600), new FeedSourceSettings("replay", "BTCUSDT"),
                FeedStatus.Live, 90_000, 90_090, 89_910, DateTimeOffset.UnixEpoch),
        };
        var buy = new PlaceOrder(3, 2, Side.Buy, OrderType.Limit, 5, 95_000);
        Assert.Equal("Filled 0.005 BTC for 451 points",
            OrderResultText.DescribeFeed(T, buy, new CommandResult(RejectCode.None, 8, OrderStatus.Filled, 5, 451), btc).Text);
        Assert.Equal("Order placed: Buy 0.005 BTC @ 95,000 resting",
            OrderResultText.DescribeFeed(T, buy, new CommandResult(RejectCode.None, 8, OrderStatus.Open, 0, 0, 5), btc).Text);
    }
}
