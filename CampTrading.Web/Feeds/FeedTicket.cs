using CampTrading.Core.Feeds;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Feeds;

/// <summary>The trade page's ticket for a feed-priced instrument: a decimal quantity, exact to the lot, and what a market order costs now.</summary>
public sealed class FeedTicket
{
    public Side Side { get; set; } = Side.Buy;
    public string QuantityText { get; set; } = "";

    /// <summary>The quantity in minor units, or null when it is not a positive number with at most the lot's decimals.</summary>
    public long? Units(InstrumentView instrument) =>
        FeedQuantity.TryParse(QuantityText, instrument.UnitsPerWhole, out var units) && units > 0 ? units : null;

    /// <summary>At the dealer's quote now: the fill's value (rounded up for a buy, down for a sale), its fee, and what the account pays or gets.</summary>
    public FeedTicketPreview? Preview(InstrumentView instrument)
    {
        if (instrument.Feed is not { Price: > 0 } feed || Units(instrument) is not { } units) return null;
        var terms = feed.Terms;
        var price = Side == Side.Buy ? feed.Ask : feed.Bid;
        var value128 = Side == Side.Buy ? FeedMath.BuyValue(price, units, terms.UnitsPerWhole) : FeedMath.SellValue(price, units, terms.UnitsPerWhole);
        if (value128 > FeedMath.MaxValue) return null;
        var value = (long)value128;
        var fee = FeedMath.Fee(value, terms.FeeBps, terms.MinFee);
        return new FeedTicketPreview(price, units, value, fee, Side == Side.Buy ? value + fee : value - fee);
    }

    public PlaceOrderArgs? Order(InstrumentView instrument) => Units(instrument) is { } units ? new PlaceOrderArgs(Side, units) : null;
}

public sealed record FeedTicketPreview(long Price, long Units, long Value, long Fee, long Total);

public sealed record PlaceOrderArgs(Side Side, long Units);
