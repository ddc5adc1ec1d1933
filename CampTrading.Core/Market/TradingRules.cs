namespace CampTrading.Core.Market;

/// <summary>Market-wide trading limits. Validated by the engine when changed.</summary>
public sealed record TradingRules
{
    /// <summary>Orders must be priced within ±this percent of the reference price. Always enforced.</summary>
    public int BandPercent { get; init; } = 20;
    public long MaxOrderQuantity { get; init; } = 10_000;
    /// <summary>Orders one account may submit per camp day.</summary>
    public int DailyOrderLimit { get; init; } = 1_000;
    /// <summary>Cancel every student order when the market closes (off: orders rest overnight).</summary>
    public bool CancelAllAtClose { get; init; }

    public bool IsValid => BandPercent is >= 1 and <= 1000 && MaxOrderQuantity is >= 1 and <= 100_000_000 && DailyOrderLimit >= 1;
}
