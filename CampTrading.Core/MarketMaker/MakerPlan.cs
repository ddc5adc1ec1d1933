namespace CampTrading.Core.MarketMaker;

/// <summary>
/// What the maker does next: cancel these orders first, then place these quotes. <see cref="HitLossLimit"/> says this
/// plan is the one that pauses it at its daily loss limit.
/// </summary>
public sealed record MakerPlan(MakerState State, IReadOnlyList<long> Cancel, IReadOnlyList<MakerQuote> Place, IReadOnlyList<MakerQuote> Desired)
{
    public bool HitLossLimit { get; init; }
    public bool IsEmpty => Cancel.Count == 0 && Place.Count == 0;
}
