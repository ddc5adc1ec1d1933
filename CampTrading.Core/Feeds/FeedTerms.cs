namespace CampTrading.Core.Feeds;

/// <summary>
/// The trading terms of a feed-priced instrument (docs/decisions/0024-feed-priced-instruments.md). Quantities are whole
/// minor units: <see cref="UnitsPerWhole"/> of them make one whole unit (1000 for lots of 0.001 BTC); prices are whole points
/// per whole unit.
/// </summary>
/// <param name="UnitsPerWhole">Minor units in one whole unit: a power of ten from 1 to 10^8, so a decimal quantity converts exactly.</param>
/// <param name="FeeBps">Fee per fill in basis points of the fill's value (0–1000).</param>
/// <param name="MinFee">The least fee of a fill, in points; an order worth less than this is refused.</param>
/// <param name="SpreadBps">The dealer's whole spread in basis points of the feed price: buys pay half above it, sells get half below.</param>
/// <param name="MaxOrderUnits">The most minor units one order may ask for.</param>
/// <param name="MaxPositionUnits">The most minor units one student may hold, counting resting buys.</param>
/// <param name="StaleAfterSeconds">With no price for this long the instrument halts until the next price.</param>
public sealed record FeedTerms(
    long UnitsPerWhole,
    int FeeBps,
    long MinFee,
    int SpreadBps,
    long MaxOrderUnits,
    long MaxPositionUnits,
    int StaleAfterSeconds)
{
    public const int MaxDecimals = 8;
    public const int MaxFeeBps = 1000;
    public const long MaxMinFee = 1_000_000;
    public const int MaxSpreadBps = 2000;
    public const long MaxUnits = 1_000_000_000_000;
    public const int MaxStaleAfterSeconds = 86_400;

    /// <summary>Digits after the decimal point a quantity may have (log10 of <see cref="UnitsPerWhole"/>).</summary>
    public int Decimals
    {
        get
        {
            var decimals = 0;
            for (var u = UnitsPerWhole; u > 1; u /= 10) decimals++;
            return decimals;
        }
    }

    public bool IsValid =>
        IsPowerOfTen(UnitsPerWhole) && FeeBps is >= 0 and <= MaxFeeBps && MinFee is >= 0 and <= MaxMinFee
        && SpreadBps is >= 0 and <= MaxSpreadBps && MaxOrderUnits is > 0 and <= MaxUnits
        && MaxPositionUnits >= MaxOrderUnits && MaxPositionUnits <= MaxUnits
        && StaleAfterSeconds is > 0 and <= MaxStaleAfterSeconds;

    public long StaleAfterTicks => StaleAfterSeconds * TimeSpan.TicksPerSecond;

    private static bool IsPowerOfTen(long value)
    {
        var u = 1L;
        for (var d = 0; d <= MaxDecimals; d++, u *= 10)
            if (value == u) return true;
        return false;
    }
}

/// <summary>
/// Where the feed service reads this instrument's prices. The engine only stores it (so staff configure everything in one
/// journaled command and it survives restarts); the feed service interprets it.
/// </summary>
/// <param name="Kind">"binance" or "replay".</param>
/// <param name="Symbol">The feed's own symbol, e.g. BTCUSDT.</param>
/// <param name="Location">WebSocket base URL or recording path; null for the configured default.</param>
/// <param name="Speed">Replay speed (1 = real time).</param>
/// <param name="PointsPerQuoteUnit">Points per unit of the feed's quote currency (1 = one point per USDT); the product is rounded to whole points.</param>
public sealed record FeedSourceSettings(string Kind, string Symbol, string? Location = null, double Speed = 1, decimal PointsPerQuoteUnit = 1)
{
    public const int MaxKindLength = 32;
    public const int MaxSymbolLength = 32;
    public const int MaxLocationLength = 500;

    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Kind) && !string.IsNullOrWhiteSpace(Symbol)
        && double.IsFinite(Speed) && Speed is > 0 and <= 1000 && PointsPerQuoteUnit > 0 && PointsPerQuoteUnit <= 1_000_000;
}

/// <summary>What students see about a feed instrument's trading state.</summary>
public enum FeedStatus : byte
{
    /// <summary>Listed, no price has arrived yet: orders are refused (feed_stale).</summary>
    AwaitingPrice = 0,
    Live = 1,
    /// <summary>No price for the stale interval: orders are refused (feed_stale), resting limits wait; the next price resumes it.</summary>
    Stale = 2,
    /// <summary>Staff paused it: orders refused (feed_paused), resting limits wait and do not fill.</summary>
    Paused = 3,
    /// <summary>Staff removed it: resting orders were cancelled, new orders are refused; holdings stay and are valued at the last price.</summary>
    Removed = 4,
}

public enum FeedControl : byte
{
    Pause = 1,
    Resume = 2,
    Remove = 3,
}
