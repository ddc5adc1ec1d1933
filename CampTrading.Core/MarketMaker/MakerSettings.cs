namespace CampTrading.Core.MarketMaker;

/// <summary>
/// How the house market maker quotes one camp stock (docs/decisions/0021-house-market-maker.md). Prices are whole points
/// (one tick = 1 point), sizes whole shares. The spread is the distance from the best bid to the best ask: the larger of
/// <see cref="SpreadTicks"/> and <see cref="SpreadBasisPoints"/> of the reference price (rounded up).
/// </summary>
public sealed record MakerSettings
{
    public const int MaxLevels = 10;
    public const long MaxSize = 10_000;
    public const long MaxTicks = 10_000;
    public const int MaxSpreadBasisPoints = 5_000;
    public const int MinRefreshSeconds = 1;
    public const int MaxRefreshSeconds = 3_600;
    public const long MaxHolding = 100_000_000;
    public const long MaxLoss = 1_000_000_000;

    public int InstrumentId { get; init; }
    public long SpreadTicks { get; init; } = 2;
    public int SpreadBasisPoints { get; init; }
    /// <summary>Distance between two levels of one side, in ticks.</summary>
    public long LevelStepTicks { get; init; } = 1;
    public long SizePerLevel { get; init; } = 10;
    public int Levels { get; init; } = 3;
    public int RefreshSeconds { get; init; } = 5;
    /// <summary>The most shares it will hold: a bid level whose fill would take the holding above this is not quoted.</summary>
    public long MaxShares { get; init; } = 1_000;
    /// <summary>The fewest shares it will keep: an ask level whose fill would take the holding below this is not quoted.</summary>
    public long MinShares { get; init; }
    /// <summary>At a loss this large since the day's start (mark to market) it cancels its quotes and pauses itself.</summary>
    public long DailyLossLimit { get; init; } = 5_000;

    /// <summary>What is wrong with these settings (English, for logs and tests), or null when they are usable.</summary>
    public string? Problem =>
        InstrumentId <= 0 ? "choose a stock"
        : SpreadTicks is < 1 or > MaxTicks ? $"spread must be 1–{MaxTicks} ticks"
        : SpreadBasisPoints is < 0 or > MaxSpreadBasisPoints ? $"spread must be 0–{MaxSpreadBasisPoints} bp"
        : LevelStepTicks is < 1 or > MaxTicks ? $"level step must be 1–{MaxTicks} ticks"
        : SizePerLevel is < 1 or > MaxSize ? $"size must be 1–{MaxSize} shares"
        : Levels is < 1 or > MaxLevels ? $"levels must be 1–{MaxLevels}"
        : RefreshSeconds is < MinRefreshSeconds or > MaxRefreshSeconds ? $"refresh must be {MinRefreshSeconds}–{MaxRefreshSeconds} s"
        : MinShares < 0 || MaxShares > MaxHolding || MinShares > MaxShares ? "inventory limits must satisfy 0 ≤ min ≤ max"
        : DailyLossLimit is < 1 or > MaxLoss ? $"daily loss limit must be 1–{MaxLoss} points"
        : null;

    public bool IsValid => Problem is null;

    /// <summary>The spread in ticks at <paramref name="referencePrice"/>.</summary>
    public long SpreadAt(long referencePrice) =>
        Math.Max(SpreadTicks, (referencePrice * SpreadBasisPoints + 9_999) / 10_000);
}
