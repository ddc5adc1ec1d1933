namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>The game has been settled: no more trading or duels.</summary>
    public bool Settled { get; init; }
}
