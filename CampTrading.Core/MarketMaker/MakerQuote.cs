using CampTrading.Core.Trading;

namespace CampTrading.Core.MarketMaker;

/// <summary>One resting order of the house: what it wants in the book, or what the book holds.</summary>
public readonly record struct MakerQuote(Side Side, long Price, long Quantity);

/// <summary>One of the house's resting orders as the read model shows it.</summary>
public readonly record struct MakerOrder(long OrderId, Side Side, long Price, long Remaining);

/// <summary>Why the maker is (not) quoting.</summary>
public enum MakerState
{
    /// <summary>No usable settings, house account or stock yet.</summary>
    NotConfigured = 0,
    Quoting = 1,
    PausedByStaff = 2,
    /// <summary>Paused itself at the daily loss limit; staff resume it.</summary>
    PausedAtLimit = 3,
    /// <summary>The market is closed or halted (or the stock not tradable): no quotes rest.</summary>
    MarketClosed = 4,
}
