using System.Text.Json.Serialization;
using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// A complete, self-contained copy of engine state at <see cref="Seq"/>. Restoring it and
/// replaying the journal after <see cref="Seq"/> reproduces the live state exactly.
/// </summary>
public sealed partial record EngineSnapshot
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public long Seq { get; init; }
    public long Time { get; init; }
    public required EngineSettings Settings { get; init; }
    public required TradingRules Rules { get; init; }
    public SessionState Session { get; init; }
    public MarketOverride Override { get; init; }
    /// <summary>The market has closed since the last open: the next open starts a new session.</summary>
    public bool AwaitingOpen { get; init; } = true;
    public required IReadOnlyList<SessionInterval> Schedule { get; init; }
    public int NextAccountId { get; init; }
    public long NextOrderId { get; init; }
    public long NextTradeId { get; init; }
    public required IReadOnlyList<AccountState> Accounts { get; init; }
    public required IReadOnlyList<InstrumentState> Instruments { get; init; }
    /// <summary>Resting orders, per instrument and side from best price outward, FIFO within a price.</summary>
    public required IReadOnlyList<OrderState> Orders { get; init; }

    public sealed record AccountState(
        int Id, string Name, AccountKind Kind, AccountRestrictions Restrictions, long Debt,
        long[] Balances, long[] Reserved, int OrdersToday, int OrdersDay, string? Team = null,
        long[]? CostBasis = null, long RealizedPnl = 0,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ApiOrdersToday = 0);

    public sealed record InstrumentState(
        int Id, string Symbol, string Name, long IpoPrice, long IpoShares, long IpoOrderId,
        long ReferencePrice, long LastPrice, bool Tradable,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long IpoAuctionShares = 0);

    /// <summary>A resting order; <paramref name="Origin"/> is left out when Unknown, so snapshots from before origins load and hash the same.</summary>
    public sealed record OrderState(
        long Id, int AccountId, int InstrumentId, Side Side, long Price, long Quantity, long Remaining, long Time,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] OrderType Type = OrderType.Limit,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] TimeInForce TimeInForce = TimeInForce.Gtc,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] OrderOrigin Origin = OrderOrigin.Unknown);
}
