namespace CampTrading.Web.TradingApi;

// Public market data. Prices and quantities are whole points and shares; times are UTC (ISO 8601).

/// <summary>The session now and its next scheduled change. State: open, closed, halted or pre_open (orders are collected for the opening auction); override: none, force_open, force_close, halt, pre_open.</summary>
public sealed record SessionInfo(string State, string Override, DateTimeOffset? NextChangeAt, bool? NextChangeOpens);

/// <summary>The market's order rules: prices within ±bandPercent of the reference, in steps of tickSize; quantity 1…maxOrderQuantity.</summary>
public sealed record RulesInfo(int BandPercent, long TickSize, long MinQuantity, long MaxOrderQuantity, int DailyOrderLimit,
    IReadOnlyList<string> OrderTypes, IReadOnlyList<string> TimeInForce);

/// <summary>
/// One instrument with the band its orders must be priced in now. A feed-priced instrument (feed is set) has no band and no
/// book: it trades with the house at the feed price ± half the spread; its quantities are whole minor units, unitsPerWhole of
/// them to one whole unit (quantity 5 with unitsPerWhole 1000 is 0.005), and its prices are points per whole unit.
/// </summary>
public sealed record InstrumentInfo(string Symbol, string Name, bool Tradable, long LastPrice, long ReferencePrice, long BandLow, long BandHigh,
    long UnitsPerWhole = 1, FeedInfo? Feed = null, AuctionInfo? Auction = null, IpoInfo? Ipo = null);

/// <summary>
/// The instrument's IPO pool while one is offered (null otherwise): phase standing (a treasury ask in the book),
/// waiting_for_auction (kept for the next opening auction) or in_auction (one ask in the pre-open's book, allocated at the open).
/// </summary>
public sealed record IpoInfo(string Phase, long Price, long Shares);

/// <summary>
/// In the pre-open only: where the opening auction would uncross if the market opened now (the IPO's pool takes part as one
/// ask), and how many shares would trade; price 0 and volume 0 while nothing crosses. The open time is the session's next change.
/// </summary>
public sealed record AuctionInfo(long IndicativePrice, long IndicativeVolume, long BuyVolume, long SellVolume);

/// <summary>A feed-priced instrument's state: status awaiting_price, live, stale, paused or removed; the house's bid and ask; fees and limits in minor units.</summary>
public sealed record FeedInfo(string Status, long Price, long Bid, long Ask, int FeeBasisPoints, long MinFee, int SpreadBasisPoints,
    long MaxOrderQuantity, long MaxPositionQuantity, int StaleAfterSeconds);

public sealed record InstrumentsResponse(SessionInfo Session, RulesInfo Rules, IReadOnlyList<InstrumentInfo> Instruments);

public sealed record BookLevel(long Price, long Quantity, int Orders);

/// <summary>The top of the book, best prices first; <c>seq</c> is the engine sequence number it reflects.</summary>
public sealed record BookResponse(string Symbol, long Seq, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks);

/// <summary>A trade as everyone sees it (the market is anonymous: no buyer or seller).</summary>
public sealed record PublicTrade(long Id, DateTimeOffset Time, long Price, long Quantity, string TakerSide);

public sealed record TradesResponse(string Symbol, IReadOnlyList<PublicTrade> Trades);

public sealed record CandleItem(DateTimeOffset Start, long Open, long High, long Low, long Close, long Volume);

public sealed record CandlesResponse(string Symbol, string Interval, IReadOnlyList<CandleItem> Candles);

public sealed record TickerResponse(string Symbol, long LastPrice, long ReferencePrice, long ChangeBasisPoints, long? BestBid, long? BestAsk,
    long DayOpen, long DayHigh, long DayLow, long DayVolume, string Session);

// Private (a bearer token of the student).

public sealed record HoldingItem(string Symbol, long Shares, long Reserved, long Available, long CostBasis, decimal? AverageCost);

/// <summary>Points held (reserved = held by open buy orders), debt, and shares with their average cost.</summary>
public sealed record PortfolioResponse(long Points, long ReservedPoints, long AvailablePoints, long Debt, IReadOnlyList<HoldingItem> Holdings);

public sealed record OrderItem(long Id, string Symbol, string Side, long Price, long Quantity, long Filled, long Remaining, string Status,
    string? CancelReason, DateTimeOffset Time);

/// <summary>Open orders (live, from the engine's read model) and the most recent ones of any state.</summary>
public sealed record OrdersResponse(IReadOnlyList<OrderItem> Open, IReadOnlyList<OrderItem> Recent);

/// <summary>One of the student's fills: side is the student's own.</summary>
public sealed record FillItem(long TradeId, DateTimeOffset Time, string Symbol, string Side, long Price, long Quantity, long OrderId);

public sealed record FillsResponse(IReadOnlyList<FillItem> Fills);

/// <summary>
/// A new order. quantity: whole shares, or for a feed-priced instrument whole minor units (see unitsPerWhole of the instrument:
/// 5 with unitsPerWhole 1000 buys 0.005). side: buy or sell; type: limit (price required) or market (no price); timeInForce: gtc (rests in the
/// book; limit orders only), ioc (the rest is cancelled at once; default for market) or fok (fill or kill: the whole
/// quantity at once or nothing, cancelled as fok_unfilled; only while the market is open). clientOrderId (optional, 1–60 of
/// A–Z a–z 0–9 . _ : -) makes a retry safe: the same id with the same order again answers the first order and places nothing;
/// with a different order it is refused (request_key_conflict). Ids are remembered for a day and for the account's last 64.
/// </summary>
public sealed record PlaceOrderRequest(string? Symbol, string? Side, string? Type, long? Quantity, long? Price, string? TimeInForce, string? ClientOrderId);

/// <summary>What the engine did with an order: filled now, resting (open) or cancelled (with the reason). repeat: this answers an earlier request with the same clientOrderId.</summary>
public sealed record OrderResult(long OrderId, string? ClientOrderId, string Symbol, string Side, string Type, string TimeInForce, long Quantity,
    long Price, string Status, long Filled, long FilledValue, long AveragePrice, long Remaining, string? CancelReason, bool Repeat);

public sealed record CancelResult(long OrderId, string Status, long Filled, long Remaining);

public sealed record CancelRefusal(long OrderId, string Code);

public sealed record CancelAllResponse(IReadOnlyList<CancelResult> Cancelled, IReadOnlyList<CancelRefusal> Refused);
