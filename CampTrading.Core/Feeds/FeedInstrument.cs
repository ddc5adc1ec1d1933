using CampTrading.Core.Trading;

namespace CampTrading.Core.Feeds;

/// <summary>The feed side of a feed-priced <see cref="Instrument"/>. Owned by the engine thread.</summary>
public sealed class FeedInstrument
{
    internal FeedInstrument(FeedTerms terms, FeedSourceSettings source)
    {
        Terms = terms;
        Source = source;
    }

    public FeedTerms Terms { get; internal set; }
    public FeedSourceSettings Source { get; internal set; }
    /// <summary>The last feed price in points per whole unit, 0 before the first.</summary>
    public long Price { get; internal set; }
    /// <summary>The feed's own time of <see cref="Price"/> (UTC ticks).</summary>
    public long FeedTime { get; internal set; }
    /// <summary>Engine time at which <see cref="Price"/> arrived: what staleness is judged by.</summary>
    public long PricedAt { get; internal set; }
    public bool Paused { get; internal set; }
    public bool Removed { get; internal set; }
    /// <summary>The status last announced (events fire on change).</summary>
    public FeedStatus Status { get; internal set; } = FeedStatus.AwaitingPrice;

    public long Ask => FeedMath.Ask(Price, Terms.SpreadBps);
    public long Bid => FeedMath.Bid(Price, Terms.SpreadBps);

    /// <summary>Resting limit orders in arrival order; they never meet each other, only the dealer.</summary>
    internal List<Order> Orders { get; } = [];

    /// <summary>What the status is at engine time <paramref name="time"/>.</summary>
    public FeedStatus StatusAt(long time) =>
        Removed ? FeedStatus.Removed
        : Paused ? FeedStatus.Paused
        : Price == 0 ? FeedStatus.AwaitingPrice
        : time - PricedAt >= Terms.StaleAfterTicks ? FeedStatus.Stale
        : FeedStatus.Live;
}
