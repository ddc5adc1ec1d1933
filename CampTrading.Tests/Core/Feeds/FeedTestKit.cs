using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;

namespace CampTrading.Tests.Core.Feeds;

/// <summary>Feed-instrument helpers over <see cref="TestExchange"/>.</summary>
internal static class FeedTestKit
{
    /// <summary>Lots of 0.001, 10 bps fee with a 5-point minimum, 20 bps spread, at most 1 whole unit per order and 2 held, stale after 10 s.</summary>
    public static readonly FeedTerms BtcTerms = new(UnitsPerWhole: 1000, FeeBps: 10, MinFee: 5, SpreadBps: 20, MaxOrderUnits: 1000,
        MaxPositionUnits: 2000, StaleAfterSeconds: 10);

    public static readonly FeedSourceSettings BtcSource = new("replay", "BTCUSDT");

    public static int ListFeed(this TestExchange x, string symbol = "BTC", FeedTerms? terms = null) =>
        (int)x.Ok(ListFeedInstrument.Of(symbol, symbol + " feed", terms ?? BtcTerms, BtcSource, "test")).Id;

    public static CommandResult Price(this TestExchange x, int instrument, long price) =>
        x.Ok(new FeedPrice(instrument, price, x.Now));

    public static FeedInstrument Feed(this TestExchange x, int instrument) => x.Instrument(instrument).Feed!;
}
