using CampTrading.Core.Trading;
using CampTrading.Core.ReadModels;

namespace CampTrading.Tests.Core.ReadModels;

/// <summary>The questions every live page asks of every market update: which instruments traded, and who bought or sold.</summary>
public class MarketUpdateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    private static TradeView Trade(int instrumentId, int buyer, int seller) =>
        new(1, 1, At, instrumentId, 20, 1, Side.Buy, buyer, seller, 10, 11);

    private static MarketUpdate Update(params TradeView[] trades) => new(1, [], [], trades, false);

    [Fact]
    public void A_trade_is_in_its_own_instrument_only()
    {
        var update = Update(Trade(instrumentId: 1, buyer: 7, seller: 8), Trade(instrumentId: 3, buyer: 7, seller: 9));

        Assert.True(update.HasTradeIn(1));
        Assert.True(update.HasTradeIn(3));
        Assert.False(update.HasTradeIn(2));
        Assert.False(Update().HasTradeIn(1));
    }

    [Fact]
    public void A_trade_is_the_buyers_and_the_sellers_and_nobody_elses()
    {
        var update = Update(Trade(instrumentId: 1, buyer: 7, seller: 8));

        Assert.True(update.HasTradeBy(7));
        Assert.True(update.HasTradeBy(8));
        Assert.False(update.HasTradeBy(9));
        Assert.False(Update().HasTradeBy(7));
    }
}
