using CampTrading.Core.ReadModels;

namespace CampTrading.Core.MarketMaker;

/// <summary>
/// Everything one quoting decision depends on, read from the engine's published read model: no clock, no randomness,
/// so the same input always gives the same plan.
/// </summary>
/// <param name="MarkPrice">The reference price to quote around: the last trade, or the IPO/reference price before any.</param>
/// <param name="Bids">The whole book's bids, best first (the house's own included).</param>
/// <param name="Asks">The whole book's asks, best first (the house's own included).</param>
/// <param name="Points">The house's points balance (reserved included: its own bids are all it reserves for).</param>
/// <param name="Shares">The house's shares of the stock (reserved included).</param>
/// <param name="Open">The house's resting orders on the stock.</param>
/// <param name="PnlToday">Realized plus unrealized P&amp;L since the day's start.</param>
public sealed record MakerInput(
    MakerSettings Settings,
    bool MarketOpen,
    bool PausedByStaff,
    bool PausedAtLimit,
    long MarkPrice,
    long BandLow,
    long BandHigh,
    IReadOnlyList<BookLevelView> Bids,
    IReadOnlyList<BookLevelView> Asks,
    long Points,
    long Shares,
    IReadOnlyList<MakerOrder> Open,
    long PnlToday);
