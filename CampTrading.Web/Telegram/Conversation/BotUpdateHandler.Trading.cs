using System.Globalization;
using System.Text;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.Web.Telegram.Conversation;

// Orders. Buttons: g:{instrument}:{B|S}[:{qty}[:{M|L}[:{price}]]] walks the guided ticket; ok:{instrument}:{B|S}:{qty}:{price}:{token}
// (price 0 = market) places it, once: the token is a fresh one-use engine request key; cx:{order} cancels one order, cxa all of them.
public sealed partial class BotUpdateHandler
{
    private static readonly long[] QuantityChoices = [1, 5, 10, 50, 100];

    private async Task OrderCommandAsync(BotContext context, BotCommandLine command, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        if (DefaultInstrument() is not { } instrument)
        {
            Say(context, context.T("目前沒有可交易的股票。", "Nothing is listed yet."));
            return;
        }
        if (command.Name == "trade" || command.Arguments.Count == 0)
        {
            var parts = command.Name switch { "buy" => new[] { "g", Id(instrument), "B" }, "sell" => ["g", Id(instrument), "S"], _ => ["g", Id(instrument)] };
            await GuidedOrder(context, parts);
            return;
        }

        var side = command.Name == "buy" ? Side.Buy : Side.Sell;
        // "ioc" or "fok" anywhere among the arguments chooses the time in force; the rest reads as before.
        var tif = command.Arguments.Select(TimeInForceWord).LastOrDefault(t => t is not null) ?? TimeInForce.Gtc;
        var args = command.Arguments.Where(a => TimeInForceWord(a) is null).ToList();
        if (args.Count == 0)
        {
            Say(context, UsageText(context));
            return;
        }
        if (args.Count >= 3 && Market.Instrument(args[2]) is { } named) instrument = named;
        long quantity;
        if (side == Side.Sell && (args[0].Equals("all", StringComparison.OrdinalIgnoreCase) || args[0] == "全部"))
            quantity = Market.Account(student.AccountId)?.AvailableSharesOf(instrument.Id) ?? 0;
        else if (!TryQuantity(instrument, args[0], out quantity))
        {
            Say(context, UsageText(context));
            return;
        }
        long price = 0;
        if (args.Count >= 2 && !TryAmount(args[1], out price))
        {
            Say(context, context.T("價格必須是正整數。", "The price must be a whole number above zero."));
            return;
        }
        await PlaceAsync(context, student.AccountId, instrument, side, quantity, price, context.MessageRequestKey, ct, tif);
    }

    private static string UsageText(BotContext context) => context.T(
        "用法：/buy 數量 [價格] [ioc|fok]，例如 /buy 10 25；不寫價格就是市價。ioc：沒成交的部分立刻取消；fok：全部成交，否則整筆取消。",
        "Usage: /buy QUANTITY [PRICE] [ioc|fok], e.g. /buy 10 25; without a price it is a market order. ioc: what does not fill now is cancelled; fok: all fills now or nothing does.");

    private static TimeInForce? TimeInForceWord(string word) => word.ToLowerInvariant() switch
    {
        "ioc" => TimeInForce.Ioc,
        "fok" => TimeInForce.Fok,
        _ => null,
    };

    private Task GuidedOrder(BotContext context, string[] parts)
    {
        if (Linked(context) is not { } student) return Task.CompletedTask;
        if (parts.Length is < 2 or > 6 || !ButtonData.TryId(parts[1], out var instrumentId) || Market.Instrument(instrumentId) is not { } instrument
            || parts.Length >= 3 && !ButtonData.TrySide(parts[2], out _)
            || parts.Length >= 4 && !ButtonData.TryNumber(parts[3], out _)
            || parts.Length >= 5 && parts[4] is not ("M" or "L")
            || parts.Length == 6 && (parts[4] != "L" || !ButtonData.TryNumber(parts[5], out _)))
            return RefuseButton(context);
        var prefix = string.Join(':', parts);
        var cancel = Keyboard.Button(context.T("取消", "Cancel"), "x");

        if (parts.Length == 2)
        {
            Say(context, context.T($"{instrument.Symbol} {N(instrument.MarkPrice)}：要買還是賣？", $"{instrument.Symbol} {N(instrument.MarkPrice)}: buy or sell?"),
                Keyboard.Rows([Keyboard.Button(context.T("買進", "Buy"), prefix + ":B"), Keyboard.Button(context.T("賣出", "Sell"), prefix + ":S")], [cancel]));
            return Task.CompletedTask;
        }
        ButtonData.TrySide(parts[2], out var side);
        var sideText = SideText(context, side);
        if (parts.Length == 3)
        {
            var account = Market.Account(student.AccountId);
            var max = side == Side.Sell
                ? account?.AvailableSharesOf(instrument.Id) ?? 0
                : (account?.AvailablePoints ?? 0) / Math.Max(1, instrument.BestAsk ?? instrument.MarkPrice);
            max = Math.Min(max, Market.Status.Rules.MaxOrderQuantity);
            var choices = QuantityChoices.Where(q => q <= max).Select(q => Keyboard.Button(N(q), $"{prefix}:{Id(q)}")).ToList();
            if (max > 0 && !QuantityChoices.Contains(max)) choices.Add(Keyboard.Button(context.T($"全部 {N(max)}", $"Max {N(max)}"), $"{prefix}:{Id(max)}"));
            if (choices.Count == 0)
            {
                Say(context, side == Side.Sell ? context.T("你沒有可賣的股票。", "You have no shares to sell.")
                    : context.T("你的可用點數不夠買一股。", "You do not have enough points for one share."));
                return Task.CompletedTask;
            }
            Say(context, context.T($"{sideText} {instrument.Symbol}：幾股？", $"{sideText} {instrument.Symbol}: how many shares?"),
                Keyboard.Rows(choices.Take(3), choices.Skip(3), [cancel]));
            return Task.CompletedTask;
        }
        // The bot offers at most the market's per-order quantity: a larger one is not its button.
        if (!ButtonData.TryNumber(parts[3], out var quantity) || quantity < 1 || quantity > Market.Status.Rules.MaxOrderQuantity) return RefuseButton(context);
        if (parts.Length == 4)
        {
            Say(context, context.T($"{sideText} {N(quantity)} 股：市價還是限價？", $"{sideText} {N(quantity)} shares: market or limit?"),
                Keyboard.Rows([Keyboard.Button(context.T("市價", "Market"), prefix + ":M"), Keyboard.Button(context.T("限價", "Limit"), prefix + ":L")], [cancel]));
            return Task.CompletedTask;
        }
        var core = $"{Id(instrument)}:{parts[2]}:{Id(quantity)}";
        if (parts[4] == "M")
        {
            ConfirmOrder(context, instrument, side, quantity, 0, core);
            return Task.CompletedTask;
        }
        if (parts.Length == 6 && ButtonData.TryNumber(parts[5], out var price))
        {
            ConfirmOrder(context, instrument, side, quantity, price, core);
            return Task.CompletedTask;
        }
        var prices = PriceChoices(instrument, side).Select(p => Keyboard.Button(N(p), $"{prefix}:{Id(p)}")).ToArray();
        Say(context, context.T($"{sideText} {N(quantity)} 股：價格？（漲跌幅 {N(instrument.BandLow)}–{N(instrument.BandHigh)}）",
                $"{sideText} {N(quantity)} shares: price? (band {N(instrument.BandLow)}–{N(instrument.BandHigh)})"),
            Keyboard.Rows(prices.Take(3), prices.Skip(3), [cancel]));
        return Task.CompletedTask;
    }

    /// <summary>Prices around the best opposite price and the last price, inside the band.</summary>
    private static IEnumerable<long> PriceChoices(InstrumentView instrument, Side side)
    {
        var anchor = (side == Side.Buy ? instrument.BestAsk : instrument.BestBid) ?? instrument.MarkPrice;
        return new[] { anchor - 2, anchor - 1, anchor, anchor + 1, anchor + 2, instrument.MarkPrice }
            .Where(p => OrderTicketModel.InBand(p, instrument)).Distinct().Order();
    }

    /// <summary>The order's value as shown: a typed order may be far beyond what the engine takes (it refuses it on confirmation).</summary>
    private static string Total(long price, long quantity) => ((Int128)price * quantity).ToString("N0", CultureInfo.InvariantCulture);

    private void ConfirmOrder(BotContext context, InstrumentView instrument, Side side, long quantity, long price, string core, string? understood = null)
    {
        var what = price == 0
            ? context.T($"{SideText(context, side)} {instrument.Symbol} {N(quantity)} 股，市價", $"{SideText(context, side)} {N(quantity)} {instrument.Symbol} at market")
            : context.T($"{SideText(context, side)} {instrument.Symbol} {N(quantity)} 股，每股 {N(price)} 點（共 {Total(price, quantity)}）",
                $"{SideText(context, side)} {N(quantity)} {instrument.Symbol} at {N(price)} (total {Total(price, quantity)})");
        Say(context, (understood ?? context.T("確認下單：", "Confirm order: ")) + what,
            Keyboard.Rows([Keyboard.Button(context.T("✅ 確認", "✅ Confirm"), $"ok:{core}:{Id(price)}:{ButtonData.NewToken()}"), Keyboard.Button(context.T("取消", "Cancel"), "x")]));
    }

    private async Task ConfirmOrderAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        if (parts.Length != 6 || !ButtonData.TryId(parts[1], out var instrumentId) || Market.Instrument(instrumentId) is not { } instrument
            || !ButtonData.TrySide(parts[2], out var side) || !ButtonData.TryNumber(parts[3], out var quantity)
            || !ButtonData.TryNumber(parts[4], out var price) || !ButtonData.IsToken(parts[5]))
        {
            await RefuseButton(context);
            return;
        }
        await PlaceAsync(context, student.AccountId, instrument, side, quantity, price, ButtonData.RequestKey(parts[5]), ct);
    }

    /// <summary>
    /// Submits the order exactly as the web ticket does and tells the engine's answer (fills, rest, or the rejection). With a request
    /// key, the same confirmation or message handled again answers "already done" with the first result.
    /// </summary>
    private async Task PlaceAsync(BotContext context, int accountId, InstrumentView instrument, Side side, long quantity, long price, string? requestKey,
        CancellationToken ct, TimeInForce tif = TimeInForce.Gtc)
    {
        var command = new PlaceOrder(accountId, instrument.Id, side, price == 0 ? OrderType.Market : OrderType.Limit, quantity, price, tif)
        {
            RequestKey = requestKey,
            Origin = OrderOrigin.Telegram,
        };
        var result = await exchange.SubmitAsync(command, ct);
        Say(context, (result.IsRepeat ? AlreadyDoneText(context) : "")
            + (result.IsOk ? InCultureOf(context, () => (instrument.Feed is null
                    ? OrderResultText.Describe(tradingText, command, result)
                    : OrderResultText.DescribeFeed(tradingText, command, result, instrument)).Text)
                : RejectionText(context, result)));
    }

    /// <summary>Shared resource texts (the web ticket's) in the chat user's language rather than the server's.</summary>
    private static string InCultureOf(BotContext context, Func<string> text)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = context.Culture;
        try { return text(); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }

    private static string RejectionText(BotContext context, CommandResult result) =>
        $"{context.T("❌ 未成功：", "❌ Not done: ")}{RejectCodes.Message(result, context.Culture)} ({RejectCodes.Code(result.Code)})";

    private Task OrdersAsync(BotContext context, string? note)
    {
        if (Linked(context) is not { } student) return Task.CompletedTask;
        var orders = Market.OpenOrders(student.AccountId);
        var text = new StringBuilder(note is null ? "" : note + "\n\n");
        if (orders.Count == 0)
        {
            text.Append(context.T("沒有掛單中的委託。", "You have no open orders."));
            Say(context, text.ToString());
            return Task.CompletedTask;
        }
        text.AppendLine(context.T("掛單中的委託：", "Open orders:"));
        foreach (var o in orders.Take(20))
        {
            var symbol = Market.Instrument(o.InstrumentId)?.Symbol ?? "";
            text.AppendLine(CultureInfo.InvariantCulture, $"#{Id(o.Id)} {SideText(context, o.Side)} {symbol} {N(o.Remaining)}/{N(o.Quantity)} @ {N(o.Price)}");
        }
        var buttons = orders.Take(20).Select(o => Keyboard.Button(context.T($"取消 #{Id(o.Id)}", $"Cancel #{Id(o.Id)}"), $"cx:{Id(o.Id)}")).ToList();
        if (orders.Count > 1) buttons.Add(Keyboard.Button(context.T("全部取消", "Cancel all"), "cxa"));
        Say(context, text.ToString().TrimEnd(), Keyboard.Column(buttons));
        return Task.CompletedTask;
    }

    private async Task CancelOrderAsync(BotContext context, string[] parts, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        if (parts.Length != 2 || !ButtonData.TryNumber(parts[1], out var orderId))
        {
            await RefuseButton(context);
            return;
        }
        var result = await exchange.SubmitAsync(new CancelOrder(student.AccountId, orderId), ct);
        await OrdersAsync(context, result.IsOk ? context.T($"已取消 #{Id(orderId)}。", $"Cancelled #{Id(orderId)}.") : RejectionText(context, result));
    }

    private async Task CancelAllOrdersAsync(BotContext context, CancellationToken ct)
    {
        if (Linked(context) is not { } student) return;
        var cancelled = 0;
        foreach (var order in Market.OpenOrders(student.AccountId))
            if ((await exchange.SubmitAsync(new CancelOrder(student.AccountId, order.Id), ct)).IsOk) cancelled++;
        await OrdersAsync(context, context.T($"已取消 {N(cancelled)} 筆委託。", $"Cancelled {N(cancelled)} order(s)."));
    }

    private InstrumentView? DefaultInstrument() => Market.Instruments.FirstOrDefault(i => i.Tradable) ?? (Market.Instruments.Count > 0 ? Market.Instruments[0] : null);

    private static string SideText(BotContext context, Side side) => side == Side.Buy ? context.T("買進", "Buy") : context.T("賣出", "Sell");

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Id(InstrumentView instrument) => Id(instrument.Id);

    /// <summary>A positive whole number as typed (full-width digits and thousands separators accepted).</summary>
    /// <summary>Shares as a whole number; for a feed-priced instrument a decimal of whole units ("0.005"), exact to its lot (decisions/0024).</summary>
    private static bool TryQuantity(InstrumentView instrument, string text, out long units)
    {
        if (instrument.Feed is null) return TryAmount(text, out units);
        return Feeds.FeedQuantity.TryParse(text.Normalize(NormalizationForm.FormKC), instrument.UnitsPerWhole, out units) && units > 0;
    }

    private static bool TryAmount(string text, out long value) =>
        long.TryParse(text.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && value > 0;
}
