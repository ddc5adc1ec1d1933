using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using Microsoft.Extensions.Localization;

namespace CampTrading.Web.Trading;

/// <summary>The engine's answer to an order, told truthfully: what filled, at what average, what rests, what was cancelled and why.</summary>
public static class OrderResultText
{
    public static (string Text, bool Ok) Describe(IStringLocalizer<TradingText> t, PlaceOrder order, CommandResult result)
    {
        if (!result.IsOk) return (Rejected(result), false);

        static string N(long v) => CampFormat.N(v);
        string verb = t[order.Side == Side.Buy ? "VerbBuy" : "VerbSell"];
        var qty = N(order.Quantity);
        var avg = N(result.AveragePrice);
        var rest = N(result.Remaining);
        var why = CancelReasonText(t, result.CancelReason);

        return (result.Status, result.Filled > 0) switch
        {
            (OrderStatus.Filled, _) => (t["ResultFilled", verb, N(result.Filled), avg], true),
            (OrderStatus.Open, true) => (t["ResultPartResting", verb, N(result.Filled), qty, avg, rest, N(order.Price)], true),
            (OrderStatus.Open, false) => (t["ResultResting", t[order.Side == Side.Buy ? "VerbBuyOrder" : "VerbSellOrder"], qty, N(order.Price)], true),
            (_, true) => (t["ResultPartCancelled", verb, N(result.Filled), qty, avg, rest, why], true),
            (_, false) => (t["ResultNone", rest, why], false),
        };
    }

    /// <summary>
    /// The answer to an order on a feed-priced instrument, in whole units (0.005 BTC, never the 5 minor units the engine
    /// counts): such an order fills whole at the dealer's quote, rests as a limit, or (IOC not crossing) is cancelled.
    /// </summary>
    public static (string Text, bool Ok) DescribeFeed(IStringLocalizer<TradingText> t, PlaceOrder order, CommandResult result, InstrumentView instrument)
    {
        if (!result.IsOk) return (Rejected(result), false);
        string Units(long units) => Feeds.FeedQuantity.Format(units, instrument.UnitsPerWhole);
        return result.Status switch
        {
            OrderStatus.Filled => (t["FeedFilled", Units(result.Filled), instrument.Symbol, CampFormat.N(result.FilledValue)], true),
            OrderStatus.Open => (t["FeedResting", t[order.Side == Side.Buy ? "SideBuyShort" : "SideSellShort"], Units(order.Quantity), instrument.Symbol, CampFormat.N(order.Price)], true),
            _ => (t["FeedNone", Units(result.Remaining), instrument.Symbol, CancelReasonText(t, result.CancelReason)], false),
        };
    }

    /// <summary>The rejection message in the page's language with its stable code, e.g. "價格超出漲跌幅限制（16–24 點） (price_outside_band)".</summary>
    public static string Rejected(CommandResult result) =>
        $"{RejectCodes.Message(result, CultureInfo.CurrentUICulture)} ({RejectCodes.Code(result.Code)})";

    /// <summary>The rejection in the page's language, without the code: what a student reads.</summary>
    public static string Message(CommandResult result) => RejectCodes.Message(result, CultureInfo.CurrentUICulture);

    /// <summary>The stable code of a rejection (price_outside_band), for the page's data attributes and logs, not for reading.</summary>
    public static string Code(CommandResult result) => RejectCodes.Code(result.Code);

    public static string CancelReasonText(IStringLocalizer<TradingText> t, CancelReason reason) => t[$"Cancel{reason}"];
}
