using CampTrading.Core.ReadModels;

namespace CampTrading.Tests.Core.ReadModels;

/// <summary>
/// The tape and candles every open page reads each frame: shared immutable snapshots, rebuilt once after a change, never
/// altered under a reader that holds one (docs/decisions/0026-circuits-at-camp-scale.md).
/// </summary>
public class MarketHistorySnapshotTests
{
    [Fact]
    public void Readers_share_one_snapshot_until_a_trade_arrives_and_an_old_snapshot_never_changes()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP");
        var seller = x.OpenAccount("seller");
        x.GrantShares(seller, camp, 100);
        var buyer = x.OpenAccount("buyer", 10_000);
        x.Sell(seller, camp, 100, 20);
        x.Buy(buyer, camp, 1, 20);
        x.Buy(buyer, camp, 2, 20);
        var model = new MarketReadModel();
        model.OnBatch(x.Engine, x.Engine.Events.Span);

        var first = model.RecentTrades(camp);
        Assert.Equal([2L, 1L], first.Select(t => t.Quantity)); // newest first
        Assert.Same(first, model.RecentTrades(camp));
        Assert.Equal([2L], model.RecentTrades(camp, 1).Select(t => t.Quantity));
        var firstMinute = Assert.Single(model.Candles(camp, CandleInterval.OneMinute, x.NowUtc.AddHours(-1)));
        Assert.Equal(3, firstMinute.Volume);

        var mark = x.Mark;
        x.Advance(TimeSpan.FromMinutes(2));
        x.Buy(buyer, camp, 4, 20);
        model.OnBatch(x.Engine, x.Engine.Events.Span[mark..]);

        Assert.Equal([2L, 1L], first.Select(t => t.Quantity)); // what a page already read stays as it was
        Assert.Equal([4L, 2L, 1L], model.RecentTrades(camp).Select(t => t.Quantity));
        Assert.Equal([3L, 4L], model.Candles(camp, CandleInterval.OneMinute, x.NowUtc.AddHours(-1)).Select(c => c.Volume));
        // From a time inside the second minute: that minute's candle and none before it.
        Assert.Equal([4L], model.Candles(camp, CandleInterval.OneMinute, x.NowUtc.AddSeconds(-1)).Select(c => c.Volume));
        Assert.Empty(model.Candles(camp, CandleInterval.OneMinute, x.NowUtc.AddMinutes(5)));
    }
}
