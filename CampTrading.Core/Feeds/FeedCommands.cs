using CampTrading.Core.Engine;

namespace CampTrading.Core.Feeds;

/// <summary>Lists a feed-priced instrument; the result's Id is its instrument id (also its asset id).</summary>
public sealed record ListFeedInstrument(string Symbol, string Name, FeedTerms Terms, FeedSourceSettings Source, string Actor) : Command;

/// <summary>
/// Changes a feed instrument's terms and source. The lot (<see cref="FeedTerms.UnitsPerWhole"/>) is fixed at listing. Resting orders
/// are cancelled: they reserved points under the old fee.
/// </summary>
public sealed record ConfigureFeedInstrument(int InstrumentId, FeedTerms Terms, FeedSourceSettings Source, string Actor) : Command;

/// <summary>One price from the feed, already in whole points per whole unit; <paramref name="FeedTime"/> is the feed's own time (UTC ticks).</summary>
public sealed record FeedPrice(int InstrumentId, long Price, long FeedTime) : Command;

public sealed record SetFeedControl(int InstrumentId, FeedControl Control, string Actor) : Command;
