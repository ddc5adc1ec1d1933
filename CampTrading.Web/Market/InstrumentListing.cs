using System.Globalization;
using CampTrading.Core.Engine;

namespace CampTrading.Web.Market;

/// <summary>The "list a new instrument" form: each field's rule, and the engine command once all hold.</summary>
public sealed class InstrumentListing
{
    public string Symbol { get; set; } = "";
    public string Name { get; set; } = "";
    public long Price { get; set; } = 20;
    public long Shares { get; set; } = 100_000;
    /// <summary>Offer the pool in the next opening auction (withdrawn at that open) rather than as a standing ask that caps the price.</summary>
    public bool InOpeningAuction { get; set; } = true;

    public static string? SymbolError(string? symbol)
    {
        var s = (symbol ?? "").Trim();
        return s.Length is 0 or > 12 || !s.All(char.IsAsciiLetterOrDigit) ? "代號須為 1–12 個英數字。The symbol takes 1–12 letters or digits." : null;
    }

    public static string? NameError(string? name) => string.IsNullOrWhiteSpace(name) ? "請輸入名稱。A name is required." : null;

    public static string? PriceError(long price) =>
        price is < 1 or > ListInstrument.MaxIpoPrice
            ? $"IPO 價須介於 1 到 {N(ListInstrument.MaxIpoPrice)}。The IPO price must be 1–{N(ListInstrument.MaxIpoPrice)}."
            : null;

    public static string? SharesError(long shares) => shares < 0 ? "IPO 股數不可為負。The pool cannot be negative." : null;

    public IReadOnlyList<string> Errors() =>
        new[] { SymbolError(Symbol), NameError(Name), PriceError(Price), SharesError(Shares) }.OfType<string>().ToArray();

    public string NormalizedSymbol => Symbol.Trim().ToUpperInvariant();

    public ListInstrument ToCommand() => new(Symbol.Trim(), Name.Trim(), Price, Shares) { IpoInOpeningAuction = InOpeningAuction };

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
