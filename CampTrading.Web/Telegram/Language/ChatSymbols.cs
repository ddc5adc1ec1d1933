namespace CampTrading.Web.Telegram.Language;

/// <summary>
/// Which words are instrument symbols: one of the listed instruments in any case ("camp" when CAMP is known), or a word typed
/// all in capitals that looks like a symbol ("CAMP", "TECH2"). Other lowercase words are refused, never taken for a symbol.
/// </summary>
internal sealed class ChatSymbols(IReadOnlyCollection<string> known)
{
    public static readonly ChatSymbols None = new([]);

    /// <summary>The symbol in its canonical (upper-case) spelling, or null when the word is not one.</summary>
    public string? Recognize(string word)
    {
        foreach (var symbol in known)
            if (string.Equals(symbol, word, StringComparison.OrdinalIgnoreCase)) return symbol.ToUpperInvariant();
        return LooksLikeSymbol(word) ? word : null;
    }

    private static bool LooksLikeSymbol(string word) =>
        word.Length is >= 2 and <= 10 && char.IsAsciiLetterUpper(word[0]) && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
