using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Trading;

/// <summary>The state of the order ticket and the arithmetic behind it (no UI, no engine calls).</summary>
public sealed class OrderTicketModel
{
    public Side Side { get; private set; } = Side.Buy;
    public OrderType Type { get; set; } = OrderType.Limit;
    public long Quantity { get; set; } = 1;
    public long Price { get; private set; }

    /// <summary>What happens to a limit order's unfilled rest: it waits (GTC), is cancelled at once (IOC), or nothing trades unless all can (FOK).</summary>
    public TimeInForce TimeInForce { get; set; } = TimeInForce.Gtc;

    /// <summary>True once the student chose a price; live book changes then leave it alone.</summary>
    public bool PriceChosen { get; private set; }

    public void SetSide(Side side, InstrumentView instrument)
    {
        if (side == Side) return;
        Side = side;
        PriceChosen = false;
        Refresh(instrument);
    }

    /// <summary>Typed by the student: kept as typed (the engine answers if it is outside the band).</summary>
    public void SetPrice(long price)
    {
        Price = price;
        PriceChosen = true;
    }

    /// <summary>Picked from the book: side and price both change.</summary>
    public void Pick(Side side, long price, InstrumentView instrument)
    {
        Side = side;
        Type = OrderType.Limit;
        Price = Clamp(price, instrument);
        PriceChosen = true;
    }

    /// <summary>One tick up or down, kept inside the band.</summary>
    public void Step(int ticks, InstrumentView instrument)
    {
        Price = Clamp((Price == 0 ? DefaultPrice(instrument) : Price) + ticks, instrument);
        PriceChosen = true;
    }

    /// <summary>Until the student chooses, the price follows the best opposite price (within the band).</summary>
    public void Refresh(InstrumentView instrument)
    {
        if (!PriceChosen || Price == 0) Price = DefaultPrice(instrument);
    }

    public long DefaultPrice(InstrumentView instrument)
    {
        var best = Side == Side.Buy ? instrument.BestAsk : instrument.BestBid;
        return Clamp(best ?? instrument.MarkPrice, instrument);
    }

    public static long Clamp(long price, InstrumentView instrument) =>
        Math.Clamp(price, instrument.BandLow, Math.Max(instrument.BandLow, instrument.BandHigh));

    public static bool InBand(long price, InstrumentView instrument) => price >= instrument.BandLow && price <= instrument.BandHigh;

    /// <summary>Points a buy spends (or a sell receives): exact for a limit order, walked through the shown depth for a market order.</summary>
    public long? EstimatedValue(InstrumentView instrument)
    {
        if (Quantity <= 0) return null;
        if (Type == OrderType.Limit) return Price > 0 ? Price * Quantity : null;
        var levels = Side == Side.Buy ? instrument.Asks : instrument.Bids;
        long left = Quantity, value = 0;
        foreach (var level in levels)
        {
            if (!InBand(level.Price, instrument)) break;
            var q = Math.Min(left, level.Quantity);
            value += q * level.Price;
            left -= q;
            if (left == 0) break;
        }
        return left == Quantity ? null : value;
    }

    /// <summary>The most this account could order now: its available shares, or what its available points buy at the price.</summary>
    public long MaxQuantity(AccountView? account, InstrumentView instrument, TradingRules rules)
    {
        if (account is null) return 0;
        long max;
        if (Side == Side.Sell) max = account.AvailableSharesOf(instrument.Id);
        else
        {
            var price = Type == OrderType.Limit ? Price : instrument.BestAsk ?? instrument.MarkPrice;
            max = price > 0 ? account.AvailablePoints / price : 0;
        }
        return Math.Clamp(max, 0, rules.MaxOrderQuantity);
    }

    /// <summary>The quantity shortcuts under the quantity field.</summary>
    public static IReadOnlyList<long> Presets { get; } = [1, 10, 100];

    /// <summary>A limit order worth at least this many points is shown for a second look before it is sent.</summary>
    public const long LargeOrderPoints = 1_000;

    /// <summary>A preset chosen: <paramref name="preset"/> shares, or null for the most this account can order now.</summary>
    public void ApplyPreset(long? preset, AccountView? account, InstrumentView instrument, TradingRules rules) =>
        Quantity = preset ?? Math.Max(1, MaxQuantity(account, instrument, rules));

    /// <summary>
    /// Why the order cannot be sent as it stands (the submit button is disabled and says so), or null when it can.
    /// What the page knows blocks: the market state, the quantity limits, the price's band, and — given the account's live
    /// view — a sell of more shares than are available or a limit buy the available points cannot pay for ("can buy N").
    /// A market buy's cost depends on the book when it arrives: <see cref="Warning"/> only warns about it.
    /// </summary>
    public TicketBlock? Block(InstrumentView instrument, MarketStatusView status, AccountView? account = null)
    {
        if (status.Session == SessionState.Halted) return new(TicketBlockReason.MarketHalted);
        if (status.Session is not (SessionState.Open or SessionState.PreOpen)) return new(TicketBlockReason.MarketClosed);
        if (!instrument.Tradable) return new(TicketBlockReason.NotTradable);
        if (Type == OrderType.Limit && TimeInForce == TimeInForce.Fok && status.Session != SessionState.Open) return new(TicketBlockReason.FokNeedsOpen);
        if (Quantity < 1) return new(TicketBlockReason.QuantityMissing);
        if (Quantity > status.Rules.MaxOrderQuantity) return new(TicketBlockReason.QuantityTooLarge, status.Rules.MaxOrderQuantity);
        if (Type == OrderType.Limit)
        {
            if (Price < 1) return new(TicketBlockReason.PriceMissing);
            if (!InBand(Price, instrument)) return new(TicketBlockReason.OutsideBand, instrument.BandLow, instrument.BandHigh);
        }
        if (account is null) return null;
        if (Side == Side.Sell)
        {
            var shares = account.AvailableSharesOf(instrument.Id);
            return Quantity > shares ? new(TicketBlockReason.NotEnoughShares, Math.Max(0, shares)) : null;
        }
        if (Type == OrderType.Limit && (decimal)Price * Quantity > account.AvailablePoints)
            return new(TicketBlockReason.NotEnoughPoints, Math.Max(0, account.AvailablePoints / Price), Math.Max(0, account.AvailablePoints));
        return null;
    }

    /// <summary>How many shares this account can order now at this price ("can buy N" / "can sell N"), at most the per-order cap.</summary>
    public long Affordable(AccountView? account, InstrumentView instrument, TradingRules rules) => MaxQuantity(account, instrument, rules);

    /// <summary>A likely refusal the page can see coming but not know for certain (a market buy's estimate over the available points), shown but not blocking.</summary>
    public TicketBlock? Warning(AccountView? account, InstrumentView instrument)
    {
        if (account is null || Quantity < 1 || Side == Side.Sell || Type == OrderType.Limit) return null;
        return EstimatedValue(instrument) is long c && c > account.AvailablePoints
            ? new(TicketBlockReason.MarketBuyMayFail, c, account.AvailablePoints)
            : null;
    }

    /// <summary>
    /// Whether the order is shown for a second look before it is sent: every market order (its price is not known in
    /// advance) and every limit order worth <see cref="LargeOrderPoints"/> or more. Small limit orders go at once.
    /// </summary>
    public bool NeedsConfirmation() =>
        Type == OrderType.Market || (long)Math.Min((decimal)Price * Quantity, long.MaxValue) >= LargeOrderPoints;

    public PlaceOrder ToCommand(int accountId, int instrumentId) =>
        new(accountId, instrumentId, Side, Type, Quantity, Type == OrderType.Limit ? Price : 0, Type == OrderType.Limit ? TimeInForce : TimeInForce.Gtc)
        {
            Origin = OrderOrigin.Web,
        };

    /// <summary>The TradingText key of the one-line explanation of the chosen time in force (IOC reads differently in the pre-open).</summary>
    public string TimeInForceHintKey(SessionState session) =>
        TimeInForce == TimeInForce.Ioc && session == SessionState.PreOpen ? "TifHintIocPreOpen" : "TifHint" + TimeInForce;
}

public enum TicketBlockReason
{
    MarketClosed, MarketHalted, NotTradable, QuantityMissing, QuantityTooLarge, PriceMissing, OutsideBand,
    NotEnoughPoints, NotEnoughShares, MarketBuyMayFail, FokNeedsOpen,
}

/// <summary>Why a ticket cannot (or probably will not) go through, with the numbers its message needs.</summary>
public sealed record TicketBlock(TicketBlockReason Reason, long A = 0, long B = 0)
{
    /// <summary>The TradingText key of its message ("Block" + reason).</summary>
    public string TextKey => "Block" + Reason;
}
