using CampTrading.Core.Engine;
using CampTrading.Core.Market;

namespace CampTrading.Core.Points;

/// <summary>
/// The one transfer fee formula, used by the engine when it charges and by every preview:
/// <c>max(MinTransferFee, ceil(amount × TransferFeeBasisPoints / 10,000))</c>.
/// Rounding up means splitting a transfer into pieces never pays less fee than sending it whole.
/// </summary>
public static class TransferFees
{
    private const long BasisPointsPerWhole = 10_000;

    /// <summary>The fee the sender pays on top of <paramref name="amount"/> (1..<see cref="Transfer.MaxAmount"/>).</summary>
    public static long For(long amount, TradingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, Transfer.MaxAmount);

        // amount = q × 10,000 + r, so amount × bps / 10,000 = q × bps + r × bps / 10,000: no intermediate overflows.
        long bps = rules.TransferFeeBasisPoints;
        var whole = amount / BasisPointsPerWhole * bps;
        var part = (amount % BasisPointsPerWhole * bps + BasisPointsPerWhole - 1) / BasisPointsPerWhole;
        return Math.Max(rules.MinTransferFee, whole + part);
    }

    /// <summary>What the sender needs available: the amount plus its fee.</summary>
    public static long TotalCost(long amount, TradingRules rules) => amount + For(amount, rules);
}
