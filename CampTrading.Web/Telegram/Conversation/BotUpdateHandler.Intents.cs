using CampTrading.Core.Trading;
using CampTrading.Web.Telegram.Language;

namespace CampTrading.Web.Telegram.Conversation;

// Free text in a private chat: parsed by ChatIntentParser, shown back ("I understood: …"), and confirmed with a button before
// anything that moves points or shares.
public sealed partial class BotUpdateHandler
{
    private async Task OnFreeTextAsync(BotContext context, string text, CancellationToken ct)
    {
        var intent = ChatIntentParser.Parse(text, Market.Instruments.Select(i => i.Symbol).ToArray());
        if (intent is null)
        {
            await Help(context, context.T("我看不懂這句話。可以試試「買 10 股 25 元」或「我的餘額」，或用下面的指令：",
                "I did not understand that. Try \"buy 10 at 25\" or \"my balance\", or use a command:"));
            return;
        }
        var understood = context.T("我的理解：", "I understood: ");
        switch (intent)
        {
            case OrderIntent order:
                OfferOrder(context, order, understood);
                break;
            case TransferIntent transfer:
                await OfferTransfer(context, transfer.Amount, transfer.Recipient, understood + "\n");
                break;
            case BalanceIntent:
                await PortfolioAsync(context);
                break;
            case PriceIntent price:
                await Price(context, price.Symbol);
                break;
            case OrdersIntent:
                await OrdersAsync(context, null);
                break;
            case CancelAllOrdersIntent:
                if (Linked(context) is null) break;
                Say(context, understood + context.T("取消全部掛單", "cancel all open orders"),
                    Keyboard.Rows([Keyboard.Button(context.T("✅ 確認", "✅ Confirm"), "cxa"), Keyboard.Button(context.T("取消", "Cancel"), "x")]));
                break;
            case LeaderboardIntent:
                await LeaderboardAsync(context);
                break;
            case HistoryIntent:
                await LogAsync(context, ct);
                break;
            case DuelIntent duel:
                // A challenge reserves the stake: the user confirms by sending the command shown.
                var pvp = "/pvp " + Id(duel.Stake) + (duel.Opponent is { } opponent ? " " + opponent : "");
                Say(context, understood + context.T($"發起 {N(duel.Stake)} 點的猜拳對戰。確認請傳送：{pvp}",
                    $"a rock-paper-scissors duel for {N(duel.Stake)} points. To confirm, send: {pvp}"));
                break;
            default:
                await Help(context);
                break;
        }
    }

    private void OfferOrder(BotContext context, OrderIntent order, string understood)
    {
        if (Linked(context) is not { } student) return;
        var instrument = order.Symbol is null ? DefaultInstrument() : Market.Instrument(order.Symbol);
        if (instrument is null)
        {
            Say(context, context.T("找不到這檔股票。", "No such stock."));
            return;
        }
        var quantity = order.Quantity ?? (order.Side == Side.Sell ? Market.Account(student.AccountId)?.AvailableSharesOf(instrument.Id) ?? 0 : 0);
        if (quantity <= 0)
        {
            Say(context, order.Side == Side.Sell ? context.T("你沒有可賣的股票。", "You have no shares to sell.")
                : context.T("要買幾股？例如「買 10 股」。", "How many shares? e.g. \"buy 10\"."));
            return;
        }
        var side = order.Side == Side.Buy ? "B" : "S";
        ConfirmOrder(context, instrument, order.Side, quantity, order.LimitPrice ?? 0, $"{Id(instrument)}:{side}:{Id(quantity)}", understood);
    }
}
