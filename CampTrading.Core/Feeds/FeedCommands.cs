using CampTrading.Core.Engine;

namespace CampTrading.Core.Feeds;

/// <summary>
/// Lists a feed-priced instrument; the result's Id is its instrument id (also its asset id). The source's fields are flat
/// (every string of a command is a declared, checked top-level field, see <see cref="CommandText"/>); see <see cref="FeedSourceSettings"/>.
/// </summary>
public sealed record ListFeedInstrument(string Symbol, string Name, FeedTerms Terms, string FeedKind, string FeedSymbol, string? FeedLocation,
    double FeedSpeed, decimal PointsPerQuoteUnit, string Actor) : Command
{
    public static ListFeedInstrument Of(string symbol, string name, FeedTerms terms, FeedSourceSettings source, string actor) =>
        new(symbol, name, terms, source.Kind, source.Symbol, source.Location, source.Speed, source.PointsPerQuoteUnit, actor);

    public FeedSourceSettings SourceSettings() => new(FeedKind, FeedSymbol, FeedLocation, FeedSpeed, PointsPerQuoteUnit);
}

/// <summary>
/// Changes a feed instrument's terms and source. The lot (<see cref="FeedTerms.UnitsPerWhole"/>) is fixed at listing. When the
/// terms change, resting orders are cancelled: they reserved points under the old fee.
/// </summary>
public sealed record ConfigureFeedInstrument(int InstrumentId, FeedTerms Terms, string FeedKind, string FeedSymbol, string? FeedLocation,
    double FeedSpeed, decimal PointsPerQuoteUnit, string Actor) : Command
{
    public static ConfigureFeedInstrument Of(int instrumentId, FeedTerms terms, FeedSourceSettings source, string actor) =>
        new(instrumentId, terms, source.Kind, source.Symbol, source.Location, source.Speed, source.PointsPerQuoteUnit, actor);

    public FeedSourceSettings SourceSettings() => new(FeedKind, FeedSymbol, FeedLocation, FeedSpeed, PointsPerQuoteUnit);
}

/// <summary>One price from the feed, already in whole points per whole unit; <paramref name="FeedTime"/> is the feed's own time (UTC ticks).</summary>
public sealed record FeedPrice(int InstrumentId, long Price, long FeedTime) : Command;

public sealed record SetFeedControl(int InstrumentId, FeedControl Control, string Actor) : Command;
