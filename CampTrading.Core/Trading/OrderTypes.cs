namespace CampTrading.Core.Trading;

public enum Side : byte { Buy = 0, Sell = 1 }

public enum OrderType : byte { Limit = 0, Market = 1 }

public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: the remainder rests in the book.</summary>
    Gtc = 0,
    /// <summary>Immediate or cancel: the remainder is cancelled at once.</summary>
    Ioc = 1,
    /// <summary>
    /// Fill or kill: fills the whole quantity at once or does nothing at all (cancelled with <see cref="CancelReason.FokUnfilled"/>).
    /// Only while the market is open: the pre-open collects orders without matching, so there is nothing to fill at once.
    /// </summary>
    Fok = 2,
}

public enum OrderStatus : byte
{
    /// <summary>Resting in the book, possibly partly filled.</summary>
    Open = 0,
    Filled = 1,
    /// <summary>Ended with quantity left; see the cancel reason.</summary>
    Cancelled = 2,
    Rejected = 3,
}

public enum CancelReason : byte
{
    None = 0,
    ByOwner = 1,
    /// <summary>IOC or market remainder: nothing more to match at acceptable prices.</summary>
    NoLiquidity = 2,
    /// <summary>The remainder would have traded with the owner's own resting order.</summary>
    SelfTrade = 3,
    MarketClosed = 4,
    /// <summary>The reference price moved and the order would now trade outside the band.</summary>
    OutsideBand = 5,
    ByStaff = 6,
    Settlement = 7,
    /// <summary>A market buy ran out of available points part way.</summary>
    InsufficientFunds = 8,
    /// <summary>The IPO pool's opening auction is over: what is left of it stays in the treasury, unoffered.</summary>
    IpoAuctionEnded = 9,
    /// <summary>A fill-or-kill order could not be filled completely at once, so nothing traded.</summary>
    FokUnfilled = 10,
}

/// <summary>
/// Where an order came from (docs/decisions/0020-order-origin.md). Journaled with the order, kept on it, on its events
/// and in snapshots. <see cref="Unknown"/> is the default and is never written: orders journaled before origins were
/// recorded read as Unknown, so old journals replay to exactly the same state.
/// </summary>
public enum OrderOrigin : byte
{
    Unknown = 0,
    /// <summary>The trade page of the web app.</summary>
    Web = 1,
    /// <summary>The Telegram bot.</summary>
    Telegram = 2,
    /// <summary>The trading API (a camper's bot with a personal token).</summary>
    Api = 3,
    /// <summary>The exchange's own market maker.</summary>
    House = 4,
}
