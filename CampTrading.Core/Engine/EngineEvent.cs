using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

public enum EventKind : byte
{
    AccountOpened,
    AccountChanged,
    InstrumentListed,
    OrderAccepted,
    OrderRejected,
    OrderCancelled,
    Trade,
    Ledger,
    SessionChanged,
    RulesChanged,
    /// <summary>A duel was created, accepted, chosen in, resolved, cancelled or expired: Reference = duel id, Code = new state.</summary>
    DuelChanged,
    /// <summary>A QR code batch, booth or arcade machine was created or changed (staff views refresh).</summary>
    CatalogChanged,
    MarketSettled,
    /// <summary>A feed instrument got a price: Asset, Price (points per whole unit), Reference = the feed's time (UTC ticks).</summary>
    FeedPriced,
    /// <summary>A feed instrument's status or terms changed: Asset, Code = <see cref="Feeds.FeedStatus"/>, Price = last feed price.</summary>
    FeedStatusChanged,
}

/// <summary>Why a balance changed. Stable names: they are stored in the ledger table.</summary>
public enum LedgerKind : byte
{
    Trade = 0,
    Issue = 1,
    Grant = 2,
    DebtRepayment = 3,
    Transfer = 4,
    TransferFee = 5,
    Qr = 6,
    Booth = 7,
    Arcade = 8,
    Duel = 9,
    Settlement = 10,
}

/// <summary>
/// One fact the engine emits. A flat struct so the hot path allocates nothing; the meaning
/// of each field depends on <see cref="Kind"/>:
/// <list type="bullet">
/// <item>Trade: Account = taker, Other = maker, Order = taker's order, OtherOrder = maker's order,
///   Side = taker's side, Price, Quantity, Remaining/OtherRemaining after the fill, Reference = trade id.</item>
/// <item>Ledger: Account, Asset, Amount (signed), BalanceAfter, LedgerKind, Reference (trade/order id), Other = counterparty.</item>
/// <item>OrderAccepted/OrderRejected/OrderCancelled: Account, Asset = instrument, Order, Side, Price, Quantity, Remaining, Code = reject code or cancel reason, Origin.</item>
/// <item>Trade also: Origin = taker's order's origin, OtherOrigin = maker's.</item>
/// <item>SessionChanged: Code = new <see cref="SessionState"/>.</item>
/// </list>
/// </summary>
#pragma warning disable CA1051 // A plain data struct on the hot path: fields, not properties.
public struct EngineEvent
{
    public long Seq;
    public long Time;
    public EventKind Kind;
    public LedgerKind LedgerKind;
    public Side Side;
    public byte Code;
    public OrderOrigin Origin;
    public OrderOrigin OtherOrigin;
    public int Account;
    public int Other;
    public int Asset;
    public long Order;
    public long OtherOrder;
    public long Price;
    public long Quantity;
    public long Remaining;
    public long OtherRemaining;
    public long Amount;
    public long BalanceAfter;
    public long Reference;

    public readonly RejectCode RejectCode => (RejectCode)Code;
    public readonly CancelReason CancelReason => (CancelReason)Code;
    public readonly SessionState Session => (SessionState)Code;
}
#pragma warning restore CA1051
