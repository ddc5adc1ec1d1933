namespace CampTrading.Core.Feeds;

/// <summary>
/// The exact money rules of feed fills (docs/decisions/0024-feed-priced-instruments.md). Everything is whole points; the
/// rounding always favours the house, and whatever it rounds goes to (or stays with) the dealer account, so no point is
/// created or lost: a buyer pays the ceiling of price × units / unitsPerWhole, a seller receives its floor.
/// </summary>
public static class FeedMath
{
    /// <summary>The highest price (points per whole unit) a feed may set or a limit may name.</summary>
    public const long MaxPrice = 1_000_000_000;

    /// <summary>The most points one fill may be worth.</summary>
    public const long MaxValue = 1_000_000_000_000;

    /// <summary>Half the spread in points, rounded up (a 0 bps spread is 0).</summary>
    public static long HalfSpread(long feedPrice, int spreadBps) => CeilDiv((Int128)feedPrice * spreadBps, 20_000);

    /// <summary>What the dealer sells at: the feed price plus half the spread.</summary>
    public static long Ask(long feedPrice, int spreadBps) => feedPrice + HalfSpread(feedPrice, spreadBps);

    /// <summary>What the dealer buys at: the feed price minus half the spread, at least 1.</summary>
    public static long Bid(long feedPrice, int spreadBps) => Math.Max(1, feedPrice - HalfSpread(feedPrice, spreadBps));

    /// <summary>What a buyer pays for <paramref name="units"/> at <paramref name="price"/>: rounded up.</summary>
    public static Int128 BuyValue(long price, long units, long unitsPerWhole) => CeilDiv((Int128)price * units, unitsPerWhole);

    /// <summary>What a seller receives (and what a holding is worth): rounded down.</summary>
    public static Int128 SellValue(long price, long units, long unitsPerWhole) => (Int128)price * units / unitsPerWhole;

    /// <summary>The fee of a fill worth <paramref name="value"/>: its basis points rounded up, never below the minimum.</summary>
    public static long Fee(long value, int feeBps, long minFee) => Math.Max(minFee, CeilDiv((Int128)value * feeBps, 10_000));

    private static long CeilDiv(Int128 numerator, long denominator) => (long)((numerator + denominator - 1) / denominator);
}
