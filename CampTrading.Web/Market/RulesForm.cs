using System.Globalization;
using CampTrading.Core.Market;

namespace CampTrading.Web.Market;

/// <summary>
/// The editable trading rules. The transfer fee rate is typed in percent (up to two decimals, 1% = 100 basis
/// points); <see cref="Check"/> names every field that is out of range before the engine sees it.
/// </summary>
public sealed class RulesForm
{
    public int BandPercent { get; set; }
    public long MaxOrderQuantity { get; set; }
    public int DailyOrderLimit { get; set; }
    public bool CancelAllAtClose { get; set; }
    public decimal TransferFeePercent { get; set; }
    public long MinTransferFee { get; set; }
    public int PreOpenMinutes { get; set; }

    public static RulesForm From(TradingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new RulesForm
        {
            BandPercent = rules.BandPercent,
            MaxOrderQuantity = rules.MaxOrderQuantity,
            DailyOrderLimit = rules.DailyOrderLimit,
            CancelAllAtClose = rules.CancelAllAtClose,
            TransferFeePercent = rules.TransferFeeBasisPoints / 100m,
            MinTransferFee = rules.MinTransferFee,
            PreOpenMinutes = rules.PreOpenMinutes,
        };
    }

    public (TradingRules? Rules, IReadOnlyList<string> Errors) Check()
    {
        var errors = new[] { BandError(BandPercent), MaxOrderError(MaxOrderQuantity), DailyLimitError(DailyOrderLimit),
            FeeRateError(TransferFeePercent), MinFeeError(MinTransferFee), PreOpenError(PreOpenMinutes) }.OfType<string>().ToList();
        var basisPoints = TransferFeePercent * 100m;
        if (errors.Count > 0) return (null, errors);

        return (new TradingRules
        {
            BandPercent = BandPercent,
            MaxOrderQuantity = MaxOrderQuantity,
            DailyOrderLimit = DailyOrderLimit,
            CancelAllAtClose = CancelAllAtClose,
            TransferFeeBasisPoints = (int)basisPoints,
            MinTransferFee = MinTransferFee,
            PreOpenMinutes = PreOpenMinutes,
        }, errors);
    }

    // One message per field: the form shows it under the field (MudForm) and Check lists them all.
    public static string? BandError(int value) =>
        value is < 1 or > 1000 ? "漲跌幅須介於 1% 到 1000%。The price band must be 1–1000%." : null;

    public static string? MaxOrderError(long value) =>
        value is < 1 or > 100_000_000 ? "單筆上限須介於 1 到 100,000,000 股。The per-order limit must be 1–100,000,000 shares." : null;

    public static string? DailyLimitError(int value) =>
        value < 1 ? "每日委託上限至少 1 筆。The daily order limit must be at least 1." : null;

    public static string? FeeRateError(decimal percent)
    {
        var basisPoints = percent * 100m;
        if (basisPoints != decimal.Truncate(basisPoints)) return "手續費率最多兩位小數。The fee rate takes at most two decimals.";
        return basisPoints < 0 || basisPoints > TradingRules.MaxTransferFeeBasisPoints ? "手續費率須介於 0% 到 100%。The fee rate must be 0–100%." : null;
    }

    public static string? PreOpenError(int value) =>
        value is < 0 or > TradingRules.MaxPreOpenMinutes
            ? $"開盤前競價須介於 0 到 {TradingRules.MaxPreOpenMinutes} 分鐘。The pre-open must be 0–{TradingRules.MaxPreOpenMinutes} minutes."
            : null;

    public static string? MinFeeError(long value) =>
        value < 0 || value > TradingRules.MaxMinTransferFee
            ? $"最低手續費須介於 0 到 {TradingRules.MaxMinTransferFee.ToString("N0", CultureInfo.InvariantCulture)} 點。"
              + $"The minimum fee must be 0–{TradingRules.MaxMinTransferFee.ToString("N0", CultureInfo.InvariantCulture)} points."
            : null;
}
