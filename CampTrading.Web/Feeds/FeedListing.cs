using System.Globalization;
using CampTrading.Core.Feeds;

namespace CampTrading.Web.Feeds;

/// <summary>The staff form for a feed instrument (add or configure): each field's rule, and the engine command once all hold.</summary>
public sealed class FeedListing
{
    public string Symbol { get; set; } = "";
    public string Name { get; set; } = "";
    public string FeedKind { get; set; } = "replay";
    public string FeedSymbol { get; set; } = "BTCUSDT";
    /// <summary>WebSocket base URL or recording path; empty for the configured default.</summary>
    public string Location { get; set; } = "";
    public double Speed { get; set; } = 1;
    public decimal PointsPerQuoteUnit { get; set; } = 1;
    /// <summary>The smallest quantity, as a decimal of a whole unit (e.g. 0.001).</summary>
    public string Lot { get; set; } = "0.001";
    public int FeeBps { get; set; } = 10;
    public long MinFee { get; set; } = 1;
    public int SpreadBps { get; set; } = 20;
    /// <summary>Whole units (decimal) one order may ask for.</summary>
    public string MaxOrder { get; set; } = "1";
    /// <summary>Whole units (decimal) one student may hold.</summary>
    public string MaxPosition { get; set; } = "5";
    public int StaleAfterSeconds { get; set; } = 30;

    public static readonly IReadOnlyList<string> Kinds = ["binance", "replay"];

    public static FeedListing From(InstrumentViewFeed instrument)
    {
        var (symbol, name, terms, source) = instrument;
        return new FeedListing
        {
            Symbol = symbol, Name = name, FeedKind = source.Kind, FeedSymbol = source.Symbol, Location = source.Location ?? "",
            Speed = source.Speed, PointsPerQuoteUnit = source.PointsPerQuoteUnit, Lot = FeedQuantity.Format(1, terms.UnitsPerWhole),
            FeeBps = terms.FeeBps, MinFee = terms.MinFee, SpreadBps = terms.SpreadBps,
            MaxOrder = FeedQuantity.Format(terms.MaxOrderUnits, terms.UnitsPerWhole),
            MaxPosition = FeedQuantity.Format(terms.MaxPositionUnits, terms.UnitsPerWhole), StaleAfterSeconds = terms.StaleAfterSeconds,
        };
    }

    public static string? SymbolError(string? symbol)
    {
        var s = (symbol ?? "").Trim();
        return s.Length is 0 or > 12 || !s.All(char.IsAsciiLetterOrDigit) ? "代號須為 1–12 個英數字。The symbol takes 1–12 letters or digits." : null;
    }

    public static string? NameError(string? name) => string.IsNullOrWhiteSpace(name) ? "請輸入名稱。A name is required." : null;

    public static string? FeedSymbolError(string? symbol) =>
        string.IsNullOrWhiteSpace(symbol) || symbol.Trim().Length > FeedSourceSettings.MaxSymbolLength ? "請輸入報價代號（如 BTCUSDT）。The feed symbol (e.g. BTCUSDT) is required." : null;

    public static string? LotError(string? lot) =>
        FeedQuantity.UnitsPerWholeOf(lot) is null ? "最小單位須為 1、0.1、0.01 … 0.00000001。The lot must be 1, 0.1, 0.01 … 0.00000001." : null;

    public static string? SpeedError(double speed) => speed is > 0 and <= 1000 ? null : "速度須介於 0 與 1000 之間。The speed must be above 0 and at most 1000.";

    public static string? ScaleError(decimal scale) => scale is > 0 and <= 1_000_000 ? null : "換算須大於 0。Points per quote unit must be above 0.";

    public static string? FeeError(int bps) => bps is >= 0 and <= FeedTerms.MaxFeeBps ? null : "手續費須介於 0 與 1000 基點。The fee must be 0–1000 bps.";

    public static string? MinFeeError(long fee) => fee is >= 0 and <= FeedTerms.MaxMinFee ? null : "最低手續費須介於 0 與 1,000,000。The minimum fee must be 0–1,000,000.";

    public static string? SpreadError(int bps) => bps is >= 0 and <= FeedTerms.MaxSpreadBps ? null : "價差須介於 0 與 2000 基點。The spread must be 0–2000 bps.";

    public static string? StaleError(int seconds) =>
        seconds is > 0 and <= FeedTerms.MaxStaleAfterSeconds ? null : "停滯秒數須介於 1 與 86400。Stale-after must be 1–86,400 seconds.";

    public IReadOnlyList<string> Errors()
    {
        var errors = new[]
        {
            SymbolError(Symbol), NameError(Name), Kinds.Contains(FeedKind) ? null : "請選擇報價來源。Choose a feed kind.",
            FeedSymbolError(FeedSymbol), SpeedError(Speed), ScaleError(PointsPerQuoteUnit), LotError(Lot), FeeError(FeeBps),
            MinFeeError(MinFee), SpreadError(SpreadBps), StaleError(StaleAfterSeconds),
        }.OfType<string>().ToList();
        if (Terms() is null && errors.Count == 0)
            errors.Add("單筆與持有上限須為最小單位的正整數倍，且持有上限不小於單筆上限。The limits must be positive multiples of the lot, the position limit at least the order limit.");
        return errors;
    }

    /// <summary>The terms, or null when a field does not convert.</summary>
    public FeedTerms? Terms()
    {
        if (FeedQuantity.UnitsPerWholeOf(Lot) is not { } unitsPerWhole) return null;
        if (!FeedQuantity.TryParse(MaxOrder, unitsPerWhole, out var maxOrder) || !FeedQuantity.TryParse(MaxPosition, unitsPerWhole, out var maxPosition)) return null;
        var terms = new FeedTerms(unitsPerWhole, FeeBps, MinFee, SpreadBps, maxOrder, maxPosition, StaleAfterSeconds);
        return terms.IsValid ? terms : null;
    }

    public FeedSourceSettings Source() =>
        new(FeedKind, FeedSymbol.Trim().ToUpperInvariant(), string.IsNullOrWhiteSpace(Location) ? null : Location.Trim(), Speed, PointsPerQuoteUnit);

    public string NormalizedSymbol => Symbol.Trim().ToUpperInvariant();

    public ListFeedInstrument ToListCommand(string actor) => ListFeedInstrument.Of(Symbol.Trim(), Name.Trim(), Terms()!, Source(), actor);

    public ConfigureFeedInstrument ToConfigureCommand(int instrumentId, string actor) => ConfigureFeedInstrument.Of(instrumentId, Terms()!, Source(), actor);

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{FeedKind}:{FeedSymbol.Trim().ToUpperInvariant()}，最小單位 lot {Lot}，手續費 fee {FeeBps} bps（最低 min {MinFee}），價差 spread {SpreadBps} bps，單筆 per order ≤ {MaxOrder}，持有 position ≤ {MaxPosition}，{StaleAfterSeconds} 秒無價即暫停 halts after {StaleAfterSeconds} s without a price");
}

/// <summary>What the form needs of an existing feed instrument.</summary>
public sealed record InstrumentViewFeed(string Symbol, string Name, FeedTerms Terms, FeedSourceSettings Source);
