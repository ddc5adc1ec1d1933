using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Trading;

/// <summary>The engine's answer to an order, told truthfully: what filled, at what average, what rests, what was cancelled and why.</summary>
public static class OrderResultText
{
    public static (string Text, bool Ok) Describe(PlaceOrder order, CommandResult result)
    {
        if (!result.IsOk) return (Rejected(result), false);

        static string N(long v) => CampFormat.N(v);
        var side = order.Side == Side.Buy ? "買進" : "賣出";
        var qty = N(order.Quantity);
        var avg = N(result.AveragePrice);
        var rest = N(result.Remaining);
        var fills = $"{side} {N(result.Filled)}/{qty} 股，均價 {avg}";
        var fillsEn = $"filled {N(result.Filled)} of {qty} at avg {avg}";

        return (result.Status, result.Filled > 0) switch
        {
            (OrderStatus.Filled, _) => ($"全部成交：{side} {N(result.Filled)} 股，均價 {avg} · {fillsEn}", true),
            (OrderStatus.Open, true) => ($"部分成交：{fills}；{rest} 股掛單中 @ {N(order.Price)} · {fillsEn}, {rest} resting", true),
            (OrderStatus.Open, false) => ($"已掛單：{side} {qty} 股 @ {N(order.Price)} · {rest} resting", true),
            (_, true) => ($"部分成交：{fills}；其餘 {rest} 股已取消（{CampFormat.CancelReasonText(result.CancelReason)}）· {fillsEn}, {rest} cancelled", true),
            (_, false) => ($"未成交：{rest} 股已取消（{CampFormat.CancelReasonText(result.CancelReason)}）· nothing filled, {rest} cancelled", false),
        };
    }

    /// <summary>The zh-TW rejection message with its stable code, e.g. "價格超出漲跌幅限制（16–24 點）(price_outside_band)".</summary>
    public static string Rejected(CommandResult result) =>
        $"{RejectCodes.Message(result, CampFormat.Culture)} ({RejectCodes.Code(result.Code)})";
}
