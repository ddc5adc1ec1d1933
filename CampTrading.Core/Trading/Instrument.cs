using CampTrading.Core.Feeds;

namespace CampTrading.Core.Trading;

/// <summary>A listed instrument and its book. Owned by the engine thread.</summary>
public sealed class Instrument
{
    internal Instrument(int id, string symbol, string name, long ipoPrice, long ipoShares)
    {
        Id = id;
        Symbol = symbol;
        Name = name;
        IpoPrice = ipoPrice;
        IpoShares = ipoShares;
        ReferencePrice = ipoPrice;
    }

    public int Id { get; }
    public string Symbol { get; }
    public string Name { get; }
    public long IpoPrice { get; }
    public long IpoShares { get; }
    /// <summary>The treasury's IPO ask (standing, or the pool in the opening auction), while it rests.</summary>
    public long IpoOrderId { get; internal set; }
    /// <summary>
    /// Shares of the pool kept for the next opening auction (docs/decisions/0023-ipo-in-the-opening-auction.md): waiting
    /// outside the book until a pre-open starts, then resting as <see cref="IpoOrderId"/> until the open withdraws what
    /// is left. 0 when the pool is a standing offer or gone.
    /// </summary>
    public long IpoAuctionShares { get; internal set; }
    /// <summary>Centre of the price band: the previous session's close (the IPO price at first).</summary>
    public long ReferencePrice { get; internal set; }
    /// <summary>Last trade price, 0 before the first trade.</summary>
    public long LastPrice { get; internal set; }
    public bool Tradable { get; internal set; } = true;

    internal OrderBook Book { get; } = new();

    /// <summary>Set for a feed-priced instrument: its price comes from a feed and it trades only against the dealer, never in <see cref="Book"/>.</summary>
    public FeedInstrument? Feed { get; internal set; }

    /// <summary>What <paramref name="quantity"/> is worth at <paramref name="price"/>: shares × price, or for a feed instrument minor units × price per whole unit, rounded down.</summary>
    public Int128 ValueOf(long quantity, long price) =>
        Feed is null ? (Int128)quantity * price : FeedMath.SellValue(price, quantity, Feed.Terms.UnitsPerWhole);

    public long BandLow(int bandPercent) => Math.Max(1, (ReferencePrice * (100 - bandPercent) + 99) / 100);
    public long BandHigh(int bandPercent) => Math.Min(MaxPrice, ReferencePrice * (100 + bandPercent) / 100);

    /// <summary>No price may exceed this: books keep one slot per price, so prices stay bounded.</summary>
    public const long MaxPrice = 1_000_000;

    /// <summary>Last trade price, or the reference price before any trade.</summary>
    public long MarkPrice => LastPrice != 0 ? LastPrice : ReferencePrice;
}
