using CampTrading.Core.Feeds;

namespace CampTrading.Web.Feeds;

/// <summary>Converts a feed's quote price to whole points per whole unit.</summary>
public static class FeedPriceScale
{
    /// <summary>price × points per quote unit, rounded half away from zero; null when that is not a usable engine price.</summary>
    public static long? ToPoints(decimal quotePrice, decimal pointsPerQuoteUnit)
    {
        if (quotePrice <= 0 || pointsPerQuoteUnit <= 0) return null;
        decimal points;
        try
        {
            points = decimal.Round(quotePrice * pointsPerQuoteUnit, 0, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            return null;
        }
        return points is >= 1 and <= FeedMath.MaxPrice ? (long)points : null;
    }
}
