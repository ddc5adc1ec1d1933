namespace CampTrading.Web.Feeds.Sources;

/// <summary>One price from an outside feed, in the feed's own quote currency (e.g. USDT per BTC).</summary>
/// <param name="Symbol">The feed's symbol, upper case as the feed spells it (e.g. BTCUSDT).</param>
/// <param name="Price">The traded (or kline close) price; always positive.</param>
/// <param name="Time">When the feed says the price happened.</param>
public readonly record struct FeedTick(string Symbol, decimal Price, DateTimeOffset Time);
