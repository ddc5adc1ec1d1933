using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Core.Feeds;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Feeds;

/// <summary>
/// The trade page's ticket for a feed-priced instrument: a decimal quantity exact to the lot, a market order or a limit in
/// whole points per unit (good till cancelled, or IOC), and what it costs at the house's quote now.
/// </summary>
public sealed class FeedTicket
{
    public Side Side { get; set; } = Side.Buy;
    public OrderType Type { get; private set; } = OrderType.Market;
    public TimeInForce TimeInForce { get; set; } = TimeInForce.Gtc;
    public string QuantityText { get; set; } = "";
    public string PriceText { get; set; } = "";

    /// <summary>Switches market/limit; a limit with no price yet starts at the feed's price, the one a student reads first.</summary>
    public void SetType(OrderType type, InstrumentView instrument)
    {
        Type = type;
        if (type == OrderType.Limit && string.IsNullOrWhiteSpace(PriceText) && instrument.Feed is { Price: > 0 } feed)
            PriceText = feed.Price.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The quantity in minor units, or null when it is not a positive number with at most the lot's decimals.</summary>
    public long? Units(InstrumentView instrument) =>
        FeedQuantity.TryParse(QuantityText, instrument.UnitsPerWhole, out var units) && units > 0 ? units : null;

    /// <summary>The limit in whole points per unit, or null when it is not a whole number from 1 to the feed's maximum.</summary>
    public long? LimitPrice() =>
        long.TryParse(PriceText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var price) && price is > 0 and <= FeedMath.MaxPrice ? price : null;

    /// <summary>True when what is typed is complete: a quantity, and for a limit its price.</summary>
    public bool IsComplete(InstrumentView instrument) => Units(instrument) is not null && (Type == OrderType.Market || LimitPrice() is not null);

    /// <summary>
    /// What the order does at the dealer's quote now. A market order, or a limit the quote already crosses, fills at the quote
    /// (the value rounded up for a buy, down for a sale); a limit that does not cross rests, priced at its limit: for a buy that
    /// is what stays reserved until it fills, never less than the fill will cost.
    /// </summary>
    public FeedTicketPreview? Preview(InstrumentView instrument)
    {
        if (instrument.Feed is not { Price: > 0 } feed || Units(instrument) is not { } units) return null;
        var quote = Side == Side.Buy ? feed.Ask : feed.Bid;
        var rests = false;
        var price = quote;
        if (Type == OrderType.Limit)
        {
            if (LimitPrice() is not { } limit) return null;
            rests = Side == Side.Buy ? quote > limit : quote < limit;
            if (rests) price = limit;
        }
        var terms = feed.Terms;
        var value128 = Side == Side.Buy ? FeedMath.BuyValue(price, units, terms.UnitsPerWhole) : FeedMath.SellValue(price, units, terms.UnitsPerWhole);
        if (value128 > FeedMath.MaxValue) return null;
        var value = (long)value128;
        var fee = FeedMath.Fee(value, terms.FeeBps, terms.MinFee);
        return new FeedTicketPreview(price, units, value, fee, Side == Side.Buy ? value + fee : value - fee, rests);
    }

    /// <summary>The command for what is typed, or null while it is incomplete.</summary>
    public PlaceOrder? Command(int accountId, InstrumentView instrument)
    {
        if (Units(instrument) is not { } units) return null;
        if (Type == OrderType.Market) return new PlaceOrder(accountId, instrument.Id, Side, OrderType.Market, units) { Origin = OrderOrigin.Web };
        return LimitPrice() is { } price
            ? new PlaceOrder(accountId, instrument.Id, Side, OrderType.Limit, units, price, TimeInForce) { Origin = OrderOrigin.Web }
            : null;
    }
}

/// <summary>A feed order's value, fee and total at <see cref="Price"/>; <see cref="Rests"/> when it waits for the quote to reach its limit.</summary>
public sealed record FeedTicketPreview(long Price, long Units, long Value, long Fee, long Total, bool Rests);
