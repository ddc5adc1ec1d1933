namespace CampTrading.Web.Feeds.Sources;

/// <summary>What one feed message turned out to be.</summary>
public enum FeedMessageOutcome
{
    /// <summary>A price for the source's symbol.</summary>
    Tick,
    /// <summary>Well-formed but carries no price (a subscription answer, another event type).</summary>
    NotAPrice,
    /// <summary>A price for a different symbol (a combined stream carries several).</summary>
    OtherSymbol,
    /// <summary>Not JSON, truncated, nested too deep, a required field missing or of the wrong type, an impossible time.</summary>
    Malformed,
    /// <summary>A price that is zero, negative or beyond <see cref="BinanceMessageParser.MaxPrice"/>.</summary>
    BadPrice,
    /// <summary>Longer than the source's message cap; not parsed at all.</summary>
    Oversized,
}
