namespace CampTrading.Web.Feeds.Sources;

/// <summary>
/// A stream of prices for one symbol. Reading never ends by itself while the source can still produce prices:
/// a live source reconnects after a dropped connection (silence is what makes a feed stale), a replay source
/// ends when its recording does. Cancelling the token ends it.
/// </summary>
public interface IFeedSource
{
    IAsyncEnumerable<FeedTick> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Where one instrument's prices come from, as staff configure it.</summary>
/// <param name="Kind">"binance" (live WebSocket in the Binance trade/kline message format) or "replay" (a recorded file).</param>
/// <param name="Symbol">The feed's symbol, e.g. BTCUSDT.</param>
/// <param name="Location">For binance: the WebSocket base URL (null = the configured default); for replay: the recording's path (null = the bundled sample).</param>
/// <param name="Speed">Replay speed (1 = real time); ignored by live sources.</param>
public sealed record FeedSourceSpec(string Kind, string Symbol, string? Location = null, double Speed = 1);

/// <summary>Creates sources from specs; registered in DI by the feed sources' service-collection extension.</summary>
public interface IFeedSourceFactory
{
    /// <summary>Throws <see cref="ArgumentException"/> for an unknown kind or an invalid spec.</summary>
    IFeedSource Create(FeedSourceSpec spec);
}
