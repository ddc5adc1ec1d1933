using System.Text.Json.Serialization;
using CampTrading.Core.Feeds;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Feed-priced instruments with their resting orders; left out when there are none, so older snapshots hash the same.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FeedInstrumentState>? Feeds { get; init; }

    public sealed record FeedInstrumentState(
        int InstrumentId, FeedTerms Terms, FeedSourceSettings Source, long Price, long FeedTime, long PricedAt, FeedStatus Status,
        bool Paused, bool Removed, IReadOnlyList<FeedOrderState> Orders);

    /// <summary>A resting feed limit order, in arrival order; <paramref name="Held"/> is the points a buy reserves.</summary>
    public sealed record FeedOrderState(long Id, int AccountId, Side Side, long Price, long Quantity, long Held, long Time,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] OrderOrigin Origin = OrderOrigin.Unknown);
}
