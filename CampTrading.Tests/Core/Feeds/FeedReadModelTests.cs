using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core.Feeds;

/// <summary>The read model's view of feed instruments: quote and status, candles from feed prices, holdings in minor units.</summary>
public class FeedReadModelTests
{
    [Fact]
    public void Views_show_the_feed_quote_candles_from_feed_prices_and_fractional_holdings_valued_per_whole_unit()
    {
        var x = new TestExchange();
        var btc = x.ListFeed();
        var alice = x.OpenAccount("alice", 100_000);
        x.Price(btc, 90_000);
        x.Ok(new PlaceOrder(alice, btc, Side.Buy, OrderType.Market, 5)); // 451 + fee 5
        x.Price(btc, 92_000);
        var model = new MarketReadModel();
        model.OnBatch(x.Engine, x.Engine.Events.Span);

        var view = model.Instrument(btc)!;
        Assert.Equal(92_000, view.MarkPrice);
        Assert.Equal(1000, view.UnitsPerWhole);
        Assert.Equal(new FeedView(FeedTestKit.BtcTerms, FeedTestKit.BtcSource, FeedStatus.Live, 92_000, 92_092, 91_908, x.NowUtc), view.Feed);

        // Candles are the feed prices (no volume); the fill at the ask 90,090 is on the tape but not in the candle.
        var candle = Assert.Single(model.Candles(btc, CandleInterval.OneMinute, x.NowUtc.AddHours(-1)));
        Assert.Equal((90_000, 92_000, 90_000, 92_000, 0L), (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume));
        Assert.Equal(90_090, Assert.Single(model.RecentTrades(btc)).Price);

        var holding = Assert.Single(model.Account(alice)!.Holdings);
        Assert.Equal(5, holding.Shares);
        Assert.Equal(0.005m, holding.Quantity);
        Assert.Equal(460, holding.Value(92_000));          // ⌊92,000 × 5 / 1000⌋
        Assert.Equal(460 - 456, holding.UnrealizedPnl(92_000));
        Assert.Equal(91_200m, holding.AverageCost);        // 456 points for 0.005 BTC

        var board = Leaderboard.Compute(0, model.AllAccounts, new Dictionary<int, long> { [btc] = 92_000 }, new LeaderboardOptions());
        Assert.Equal(100_000 - 456 + 460, board.Individuals.Single(e => e.AccountId == alice).NetWorth);
    }
}
