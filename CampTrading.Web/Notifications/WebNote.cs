using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Telegram.Notifications;
using CampTrading.Web.Trading;
using Microsoft.Extensions.Localization;

namespace CampTrading.Web.Notifications;

/// <summary>One toast: its mute kind (<see cref="NotificationKinds"/>), its text, an optional note (quoted), where it leads and how it looks.</summary>
public sealed record WebNote(string Kind, string Key, string Text, string? Note = null, string? Href = null, NoteTone Tone = NoteTone.Info);

public enum NoteTone { Info, Good, Bad }

/// <summary>
/// What a student hears about, from the engine's published changes (no UI, no database): fills of their resting orders (a
/// trade where they are the maker; the taker already reads the answer on the ticket), points received, duel challenges named
/// to them and the results of their duels.
/// </summary>
public static class WebNotes
{
    /// <summary>Fills of the account's resting orders in these trades, one note per order.</summary>
    public static IEnumerable<WebNote> Fills(IStringLocalizer<NotificationText> t, int me, IEnumerable<TradeView> trades,
        Func<int, string> symbolOf, Func<long, long> remainingOf)
    {
        var mine = trades
            .Select(x => x.BuyerId == me && x.TakerSide == Side.Sell ? (Trade: x, Side: Side.Buy, Order: x.BuyOrderId)
                : x.SellerId == me && x.TakerSide == Side.Buy ? (Trade: x, Side: Side.Sell, Order: x.SellOrderId)
                : default)
            .Where(x => x.Trade is not null)
            .GroupBy(x => (x.Order, x.Side, x.Trade.InstrumentId));
        foreach (var order in mine)
        {
            var quantity = order.Sum(x => x.Trade.Quantity);
            var value = order.Sum(x => x.Trade.Price * x.Trade.Quantity);
            var average = quantity == 0 ? 0 : value / quantity;
            var remaining = remainingOf(order.Key.Order);
            var verb = t[order.Key.Side == Side.Buy ? "Bought" : "Sold"];
            var text = t[remaining > 0 ? "FillPartial" : "FillComplete", verb, CampFormat.N(quantity), symbolOf(order.Key.InstrumentId),
                CampFormat.N(average), CampFormat.N(remaining)];
            yield return new WebNote(NotificationKinds.Fills, $"fill-{order.Key.Order}-{order.Max(x => x.Trade.Id)}", text,
                Href: "/trade/" + symbolOf(order.Key.InstrumentId), Tone: NoteTone.Good);
        }
    }

    /// <summary>
    /// Fills of the account's resting orders on feed-priced instruments. Such an order always trades with the house as the
    /// taker, when a later price reaches its limit, so it is told by whether it was resting before (<paramref name="wasResting"/>);
    /// an order that filled at once was answered on the ticket. Whole units and the price per unit: "0.010 BTC @ 1,000".
    /// </summary>
    public static IEnumerable<WebNote> FeedFills(IStringLocalizer<NotificationText> t, int me, IEnumerable<TradeView> trades,
        Func<int, InstrumentView?> instrumentOf, Func<long, bool> wasResting)
    {
        foreach (var trade in trades)
        {
            var order = trade.BuyerId == me && trade.TakerSide == Side.Buy ? trade.BuyOrderId
                : trade.SellerId == me && trade.TakerSide == Side.Sell ? trade.SellOrderId
                : 0;
            if (order == 0 || !wasResting(order) || instrumentOf(trade.InstrumentId) is not { Feed: not null } instrument) continue;
            var text = t["FeedFill", t[trade.TakerSide == Side.Buy ? "Bought" : "Sold"], Feeds.FeedQuantity.Format(trade.Quantity, instrument.UnitsPerWhole),
                instrument.Symbol, CampFormat.N(trade.Price)];
            yield return new WebNote(NotificationKinds.Fills, $"fill-{order}-{trade.Id}", text, Href: "/trade/" + instrument.Symbol, Tone: NoteTone.Good);
        }
    }

    /// <summary>Points received: from whom (a student by name, else the staff) and the note that came with them.</summary>
    public static WebNote Arrival(IStringLocalizer<NotificationText> t, PointArrival arrival, Func<int, string?> nameOf)
    {
        var text = arrival.Kind == LedgerKind.Transfer && nameOf(arrival.From) is { } from
            ? t["PointsFrom", from, CampFormat.N(arrival.Amount)]
            : t["PointsGranted", CampFormat.N(arrival.Amount)];
        return new WebNote(arrival.Kind == LedgerKind.Transfer ? NotificationKinds.Transfers : NotificationKinds.Grants,
            $"points-{arrival.Id}", text, string.IsNullOrWhiteSpace(arrival.Note) ? null : arrival.Note.Trim(), "/wallet", NoteTone.Good);
    }

    /// <summary>A challenge named to the account, or the result of one of its duels; null for anything else.</summary>
    public static WebNote? Duel(IStringLocalizer<NotificationText> t, int me, DuelItem duel)
    {
        if (duel.Phase == DuelPhase.Open && duel.OpponentId == me)
            return new WebNote(NotificationKinds.Duels, $"duel-{duel.Id}-invited",
                t["DuelChallenged", duel.ChallengerName, CampFormat.N(duel.Stake), t[duel.Game == DuelGame.CoinFlip ? "CoinFlip" : "RockPaperScissors"]],
                Href: "/duels");
        if (duel.Phase != DuelPhase.Resolved || !duel.Involves(me)) return null;
        var other = duel.OpponentOf(me) ?? "";
        var (text, tone) = duel.WinnerId == 0 ? (t["DuelTie", other], NoteTone.Info)
            : duel.WinnerId == me ? (t["DuelWon", other, CampFormat.N(duel.Stake)], NoteTone.Good)
            : (t["DuelLost", other, CampFormat.N(duel.Stake)], NoteTone.Bad);
        return new WebNote(NotificationKinds.Duels, $"duel-{duel.Id}-result", text, Href: "/duels", Tone: tone);
    }
}
