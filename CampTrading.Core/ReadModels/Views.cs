using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.ReadModels;

/// <summary>
/// Shares of one instrument; <see cref="CostBasis"/> = points paid for the shares held (docs/decisions/0007-cost-basis.md). For a
/// feed instrument <see cref="Shares"/> are minor units, <see cref="UnitsPerWhole"/> of them to a whole unit, and prices are per whole unit.
/// </summary>
public sealed record HoldingView(int InstrumentId, string Symbol, long Shares, long Reserved, long CostBasis = 0, long UnitsPerWhole = 1)
{
    public long Available => Shares - Reserved;

    /// <summary>Points paid per share (per whole unit for a feed instrument) held, or null with no shares.</summary>
    public decimal? AverageCost => Shares > 0 ? (decimal)CostBasis * UnitsPerWhole / Shares : null;

    /// <summary>What the holding is worth at <paramref name="markPrice"/> (per whole unit), rounded down like a sale.</summary>
    public long Value(long markPrice) => (long)Int128.Clamp((Int128)Shares * markPrice / UnitsPerWhole, long.MinValue, long.MaxValue);

    /// <summary>What the shares are worth at <paramref name="markPrice"/> minus what was paid for them.</summary>
    public long UnrealizedPnl(long markPrice) => Value(markPrice) - CostBasis;

    /// <summary>The holding as a decimal number of whole units (shares for a camp stock).</summary>
    public decimal Quantity => (decimal)Shares / UnitsPerWhole;
}

/// <summary>The feed side of a feed-priced instrument: terms, source, status and the dealer's quote.</summary>
public sealed record FeedView(FeedTerms Terms, FeedSourceSettings Source, FeedStatus Status, long Price, long Ask, long Bid, DateTimeOffset? PricedAt);

public sealed record AccountView(int Id, string Name, long Points, long ReservedPoints, long Debt,
    AccountRestrictions Restrictions, IReadOnlyList<HoldingView> Holdings, string? Team = null, AccountKind Kind = AccountKind.Student,
    long RealizedPnl = 0, int ApiOrdersToday = 0)
{
    public long AvailablePoints => Points - ReservedPoints;
    /// <summary>Placed at least one order through the trading API today (docs/decisions/0020-order-origin.md).</summary>
    public bool IsBot => ApiOrdersToday > 0;
    public long SharesOf(int instrumentId) => HoldingOf(instrumentId)?.Shares ?? 0;
    public long AvailableSharesOf(int instrumentId) => HoldingOf(instrumentId)?.Available ?? 0;

    private HoldingView? HoldingOf(int instrumentId)
    {
        for (var i = 0; i < Holdings.Count; i++)
            if (Holdings[i].InstrumentId == instrumentId) return Holdings[i];
        return null;
    }
}

public readonly record struct BookLevelView(long Price, long Quantity, int Orders);

public sealed record InstrumentView(int Id, string Symbol, string Name, long LastPrice, long ReferencePrice,
    long BandLow, long BandHigh, IReadOnlyList<BookLevelView> Bids, IReadOnlyList<BookLevelView> Asks, bool Tradable)
{
    public long MarkPrice => LastPrice != 0 ? LastPrice : ReferencePrice;
    public long? BestBid => Bids.Count > 0 ? Bids[0].Price : null;
    public long? BestAsk => Asks.Count > 0 ? Asks[0].Price : null;
    /// <summary>Change against the reference (previous close) in basis points.</summary>
    public long ChangeBasisPoints => ReferencePrice == 0 || LastPrice == 0 ? 0 : (LastPrice - ReferencePrice) * 10_000 / ReferencePrice;
    /// <summary>Before the open: the price and volume the opening auction would trade at now (none while the book does not cross).</summary>
    public AuctionOutcome Indicative { get; init; }
    /// <summary>The IPO pool: a standing treasury ask, kept for or resting in the opening auction, or none.</summary>
    public IpoView Ipo { get; init; }
    /// <summary>Set for a feed-priced instrument.</summary>
    public FeedView? Feed { get; init; }
    /// <summary>Minor units per whole unit: 1 for a camp stock.</summary>
    public long UnitsPerWhole => Feed?.Terms.UnitsPerWhole ?? 1;
}

public sealed record TradeView(long Id, long Seq, DateTimeOffset Time, int InstrumentId, long Price, long Quantity,
    Side TakerSide, int BuyerId, int SellerId, long BuyOrderId, long SellOrderId)
{
    /// <summary>Whether <paramref name="accountId"/> bought or sold in this trade.</summary>
    public bool Involves(int accountId) => BuyerId == accountId || SellerId == accountId;
}

public sealed record OpenOrderItem(long Id, int InstrumentId, Side Side, long Price, long Quantity, long Remaining, DateTimeOffset Time,
    OrderOrigin Origin = OrderOrigin.Unknown)
{
    public long Filled => Quantity - Remaining;
}

public sealed record MarketStatusView(SessionState Session, MarketOverride Override, DateTimeOffset? NextChangeAt,
    bool? NextChangeOpens, TradingRules Rules, long LastSeq)
{
    public static MarketStatusView Initial { get; } = new(SessionState.Closed, MarketOverride.None, null, null, new TradingRules(), 0);

    /// <summary>The scheduled open the pre-open counts down to; null outside the pre-open or when staff started it (see <see cref="OpeningCountdown"/>).</summary>
    public DateTimeOffset? AuctionOpensAt => OpeningCountdown.OpensAt(Session, Override, NextChangeAt, NextChangeOpens);
}

/// <summary>What one applied batch changed: subscribers re-read the views they show.</summary>
public sealed record MarketUpdate(long Seq, IReadOnlyCollection<int> Accounts, IReadOnlyCollection<int> Instruments,
    IReadOnlyList<TradeView> Trades, bool StatusChanged)
{
    public bool Touches(int accountId) => Accounts.Contains(accountId);

    // Asked by every live component of every circuit for every update: loops over the list, no delegate per question.

    /// <summary>Whether a trade of the batch was in <paramref name="instrumentId"/>.</summary>
    public bool HasTradeIn(int instrumentId)
    {
        for (var i = 0; i < Trades.Count; i++)
            if (Trades[i].InstrumentId == instrumentId) return true;
        return false;
    }

    /// <summary>Whether <paramref name="accountId"/> bought or sold in the batch.</summary>
    public bool HasTradeBy(int accountId)
    {
        for (var i = 0; i < Trades.Count; i++)
            if (Trades[i].Involves(accountId)) return true;
        return false;
    }
}
