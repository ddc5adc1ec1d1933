using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

/// <summary>The ticket's rules without any rendering.</summary>
public sealed class OrderTicketModelTests
{
    [Theory]
    [InlineData(OrderType.Market, 1, 20, true)]
    [InlineData(OrderType.Limit, 49, 20, false)]
    [InlineData(OrderType.Limit, 50, 20, true)] // 1,000 points: large
    [InlineData(OrderType.Limit, 1, 16, false)]
    public void Market_and_large_orders_are_confirmed_small_limits_are_not(OrderType type, long quantity, long price, bool asks)
    {
        var model = new OrderTicketModel { Type = type, Quantity = quantity };
        model.SetPrice(price);

        Assert.Equal(asks, model.NeedsConfirmation());
    }

    [Fact]
    public void Blocks_in_order_market_state_first_then_quantity_then_price()
    {
        var camp = TradingData.Instrument();
        var model = new OrderTicketModel { Quantity = 0 };
        model.SetPrice(30);

        Assert.Equal(TicketBlockReason.MarketClosed, model.Block(camp, TradingData.Status(SessionState.Closed))!.Reason);
        Assert.Equal(TicketBlockReason.NotTradable, model.Block(TradingData.Instrument(tradable: false), TradingData.Status())!.Reason);
        Assert.Equal(TicketBlockReason.QuantityMissing, model.Block(camp, TradingData.Status())!.Reason);
        model.Quantity = 5;
        Assert.Equal(new TicketBlock(TicketBlockReason.OutsideBand, 16, 24), model.Block(camp, TradingData.Status()));
        model.Type = OrderType.Market; // a market order has no price to check
        Assert.Null(model.Block(camp, TradingData.Status()));
    }
}
