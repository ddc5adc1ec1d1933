using System.Globalization;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Telegram.Language;

/// <summary>The line the bot shows back before acting ("買進 CAMP 10 股，限價 25 點" / "Buy 10 CAMP at 25 (limit)"), so a student
/// can see what was understood and confirm or cancel.</summary>
public static class ChatIntentText
{
    /// <param name="intent">What the parser understood.</param>
    /// <param name="english">English instead of zh-TW.</param>
    /// <param name="defaultSymbol">Shown when the intent names no symbol (the default instrument); without it the line
    /// says "股" / "shares".</param>
    public static string Describe(ChatIntent intent, bool english, string? defaultSymbol = null)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return intent switch
        {
            OrderIntent order => DescribeOrder(order, english, order.Symbol ?? defaultSymbol),
            TransferIntent transfer => english
                ? $"Transfer {Points(transfer.Amount)} to {transfer.Recipient}"
                : $"轉 {N(transfer.Amount)} 點給 {transfer.Recipient}",
            DuelIntent { Opponent: null } duel => english
                ? $"Challenge anyone to rock-paper-scissors for {Points(duel.Stake)}"
                : $"發起猜拳，賭注 {N(duel.Stake)} 點，任何人都可應戰",
            DuelIntent duel => english
                ? $"Challenge {duel.Opponent} to rock-paper-scissors for {Points(duel.Stake)}"
                : $"向 {duel.Opponent} 發起猜拳，賭注 {N(duel.Stake)} 點",
            BalanceIntent => english ? "Show my points and holdings" : "查看我的點數與持股",
            PriceIntent price => (english, price.Symbol ?? defaultSymbol) switch
            {
                (true, null) => "Show the price",
                (true, var symbol) => $"Show the price of {symbol}",
                (false, null) => "查看股價",
                (false, var symbol) => $"查看 {symbol} 股價",
            },
            OrdersIntent => english ? "Show my open orders" : "查看我的委託",
            CancelAllOrdersIntent => english ? "Cancel all my open orders" : "取消全部委託",
            LeaderboardIntent => english ? "Show the leaderboard" : "查看排行榜",
            HistoryIntent => english ? "Show my history" : "查看我的紀錄",
            HelpIntent => english ? "Show help" : "顯示說明",
            _ => throw new ArgumentOutOfRangeException(nameof(intent), intent.GetType().Name, "No description for this intent."),
        };
    }

    private static string DescribeOrder(OrderIntent order, bool english, string? symbol)
    {
        if (english)
        {
            var verb = order.Side == Side.Buy ? "Buy" : "Sell";
            var what = (order.Quantity, symbol) switch
            {
                (null, null) => "all shares",
                (null, var s) => $"all {s}",
                (var q, null) => $"{N(q.Value)} {(q == 1 ? "share" : "shares")}",
                (var q, var s) => $"{N(q.Value)} {s}",
            };
            var how = order.LimitPrice is { } price ? $"at {N(price)} (limit)" : "at market";
            return $"{verb} {what} {how}";
        }
        var zhVerb = order.Side == Side.Buy ? "買進" : "賣出";
        var zhWhat = (order.Quantity, symbol) switch
        {
            (null, null) => "全部持股",
            (null, var s) => $"全部 {s} 持股",
            (var q, null) => $"{N(q.Value)} 股",
            (var q, var s) => $"{s} {N(q.Value)} 股",
        };
        var zhHow = order.LimitPrice is { } p ? $"限價 {N(p)} 點" : "市價";
        return $"{zhVerb} {zhWhat}，{zhHow}";
    }

    private static string Points(long value) => value == 1 ? "1 point" : $"{N(value)} points";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
