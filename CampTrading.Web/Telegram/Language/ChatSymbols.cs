namespace CampTrading.Web.Telegram.Language;

/// <summary>
/// Which words are instrument symbols. When the instruments are known: exactly those, in any case ("camp" when CAMP is listed).
/// When they are not: a word typed all in capitals that looks like a symbol ("CAMP", "TECH2"). Other words are refused, never
/// taken for a symbol.
/// </summary>
internal sealed class ChatSymbols(IReadOnlyCollection<string> known)
{
    public static readonly ChatSymbols None = new([]);

    /// <summary>The symbol in its canonical (upper-case) spelling, or null when the word is not one.</summary>
    public string? Recognize(string word)
    {
        foreach (var symbol in known)
            if (string.Equals(symbol, word, StringComparison.OrdinalIgnoreCase)) return symbol.ToUpperInvariant();
        return known.Count == 0 && LooksLikeSymbol(word) ? word : null;
    }

    private static bool LooksLikeSymbol(string word) =>
        word.Length is >= 2 and <= 10 && char.IsAsciiLetterUpper(word[0]) && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
