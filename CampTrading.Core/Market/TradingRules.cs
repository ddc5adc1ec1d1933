using System.Text.Json.Serialization;

namespace CampTrading.Core.Market;

/// <summary>Market-wide trading limits and fees. Validated by the engine when changed.</summary>
public sealed record TradingRules
{
    /// <summary>The highest transfer fee rate: 100%.</summary>
    public const int MaxTransferFeeBasisPoints = 10_000;
    /// <summary>The highest minimum transfer fee, so amount plus fee stays far from overflow.</summary>
    public const long MaxMinTransferFee = 1_000_000;

    /// <summary>Orders must be priced within ±this percent of the reference price. Always enforced.</summary>
    public int BandPercent { get; init; } = 20;
    public long MaxOrderQuantity { get; init; } = 10_000;
    /// <summary>Orders one account may submit per camp day.</summary>
    public int DailyOrderLimit { get; init; } = 1_000;
    /// <summary>Cancel every student order when the market closes (off: orders rest overnight).</summary>
    public bool CancelAllAtClose { get; init; }
    /// <summary>Transfer fee rate in basis points (100 = 1%) of the amount, rounded up; see <c>TransferFees.For</c>.</summary>
    public int TransferFeeBasisPoints { get; init; } = 100;
    /// <summary>The least fee any transfer pays.</summary>
    public long MinTransferFee { get; init; } = 1;
    /// <summary>
    /// Minutes before each scheduled open in which orders are collected for the opening call auction (0: no auction).
    /// Left out of the journal's JSON at 0, so journals and snapshots written before the auction read the same.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PreOpenMinutes { get; init; }

    public const int MaxPreOpenMinutes = 240;

    public bool IsValid =>
        BandPercent is >= 1 and <= 1000 && MaxOrderQuantity is >= 1 and <= 100_000_000 && DailyOrderLimit >= 1
        && TransferFeeBasisPoints is >= 0 and <= MaxTransferFeeBasisPoints && MinTransferFee is >= 0 and <= MaxMinTransferFee
        && PreOpenMinutes is >= 0 and <= MaxPreOpenMinutes;
}
