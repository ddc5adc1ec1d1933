using System.Globalization;
using CampTrading.Core.MarketMaker;

namespace CampTrading.Web.MarketMaker;

/// <summary>
/// The editable maker settings; every field has its own bilingual message, and <see cref="Check"/> lists them all before
/// anything is stored.
/// </summary>
public sealed class MakerSettingsForm
{
    public int InstrumentId { get; set; }
    public long SpreadTicks { get; set; }
    public int SpreadBasisPoints { get; set; }
    public long LevelStepTicks { get; set; }
    public long SizePerLevel { get; set; }
    public int Levels { get; set; }
    public int RefreshSeconds { get; set; }
    public long MinShares { get; set; }
    public long MaxShares { get; set; }
    public long DailyLossLimit { get; set; }

    public static MakerSettingsForm From(MakerSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new MakerSettingsForm
        {
            InstrumentId = s.InstrumentId,
            SpreadTicks = s.SpreadTicks,
            SpreadBasisPoints = s.SpreadBasisPoints,
            LevelStepTicks = s.LevelStepTicks,
            SizePerLevel = s.SizePerLevel,
            Levels = s.Levels,
            RefreshSeconds = s.RefreshSeconds,
            MinShares = s.MinShares,
            MaxShares = s.MaxShares,
            DailyLossLimit = s.DailyLossLimit,
        };
    }

    public (MakerSettings? Settings, IReadOnlyList<string> Errors) Check()
    {
        var errors = new[]
        {
            InstrumentError(InstrumentId), SpreadError(SpreadTicks), SpreadBasisPointsError(SpreadBasisPoints), StepError(LevelStepTicks),
            SizeError(SizePerLevel), LevelsError(Levels), RefreshError(RefreshSeconds), MinSharesError(MinShares), MaxSharesError(MaxShares),
            MinShares <= MaxShares ? null : "最低持股不可高於最高持股。The minimum holding cannot exceed the maximum.",
            LossError(DailyLossLimit),
        }.OfType<string>().ToList();
        if (errors.Count > 0) return (null, errors);

        var settings = new MakerSettings
        {
            InstrumentId = InstrumentId,
            SpreadTicks = SpreadTicks,
            SpreadBasisPoints = SpreadBasisPoints,
            LevelStepTicks = LevelStepTicks,
            SizePerLevel = SizePerLevel,
            Levels = Levels,
            RefreshSeconds = RefreshSeconds,
            MinShares = MinShares,
            MaxShares = MaxShares,
            DailyLossLimit = DailyLossLimit,
        };
        return settings.Problem is { } problem ? (null, [problem]) : (settings, errors);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string? InstrumentError(int value) => value <= 0 ? "請選擇股票。Choose a stock." : null;

    public static string? SpreadError(long value) => value is < 1 or > MakerSettings.MaxTicks
        ? $"價差須介於 1 到 {N(MakerSettings.MaxTicks)} 檔。The spread must be 1–{N(MakerSettings.MaxTicks)} ticks." : null;

    public static string? SpreadBasisPointsError(int value) => value is < 0 or > MakerSettings.MaxSpreadBasisPoints
        ? $"價差須介於 0 到 {N(MakerSettings.MaxSpreadBasisPoints)} bp。The spread must be 0–{N(MakerSettings.MaxSpreadBasisPoints)} bp." : null;

    public static string? StepError(long value) => value is < 1 or > MakerSettings.MaxTicks
        ? $"檔距須介於 1 到 {N(MakerSettings.MaxTicks)} 檔。The level step must be 1–{N(MakerSettings.MaxTicks)} ticks." : null;

    public static string? SizeError(long value) => value is < 1 or > MakerSettings.MaxSize
        ? $"每檔數量須介於 1 到 {N(MakerSettings.MaxSize)} 股。The size must be 1–{N(MakerSettings.MaxSize)} shares." : null;

    public static string? LevelsError(int value) => value is < 1 or > MakerSettings.MaxLevels
        ? $"檔數須介於 1 到 {MakerSettings.MaxLevels}。The levels must be 1–{MakerSettings.MaxLevels}." : null;

    public static string? RefreshError(int value) => value is < MakerSettings.MinRefreshSeconds or > MakerSettings.MaxRefreshSeconds
        ? $"更新間隔須介於 {MakerSettings.MinRefreshSeconds} 到 {N(MakerSettings.MaxRefreshSeconds)} 秒。The refresh must be {MakerSettings.MinRefreshSeconds}–{N(MakerSettings.MaxRefreshSeconds)} s." : null;

    public static string? MinSharesError(long value) => value is < 0 or > MakerSettings.MaxHolding
        ? $"最低持股須介於 0 到 {N(MakerSettings.MaxHolding)} 股。The minimum holding must be 0–{N(MakerSettings.MaxHolding)} shares." : null;

    public static string? MaxSharesError(long value) => value is < 0 or > MakerSettings.MaxHolding
        ? $"最高持股須介於 0 到 {N(MakerSettings.MaxHolding)} 股。The maximum holding must be 0–{N(MakerSettings.MaxHolding)} shares." : null;

    public static string? LossError(long value) => value is < 1 or > MakerSettings.MaxLoss
        ? $"每日虧損上限須介於 1 到 {N(MakerSettings.MaxLoss)} 點。The daily loss limit must be 1–{N(MakerSettings.MaxLoss)} points." : null;
}
