namespace CampTrading.Core.Engine;

/// <summary>Why the engine refused a command. The names are stable codes (see <see cref="RejectCodes"/>).</summary>
public enum RejectCode : byte
{
    None = 0,
    InvalidCommand,
    MarketClosed,
    MarketHalted,
    AccountUnknown,
    AccountDisabled,
    AccountFrozen,
    AccountInDebt,
    NotPermitted,
    InstrumentUnknown,
    InstrumentNotTradable,
    SymbolTaken,
    InvalidQuantity,
    QuantityAboveMax,
    InvalidPrice,
    PriceOutsideBand,
    InsufficientPoints,
    InsufficientShares,
    DailyLimitReached,
    OrderUnknown,
    OrderNotOwned,
    InvalidAmount,
    InvalidSchedule,
    InvalidRules,
}
