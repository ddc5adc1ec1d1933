namespace CampTrading.Core.Trading;

public enum Side : byte { Buy = 0, Sell = 1 }

public enum OrderType : byte { Limit = 0, Market = 1 }

public enum TimeInForce : byte
{
    /// <summary>Good till cancelled: the remainder rests in the book.</summary>
    Gtc = 0,
    /// <summary>Immediate or cancel: the remainder is cancelled at once.</summary>
    Ioc = 1,
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
}
