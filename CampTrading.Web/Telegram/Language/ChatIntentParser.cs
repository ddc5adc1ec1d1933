using System.Text.RegularExpressions;

namespace CampTrading.Web.Telegram.Language;

/// <summary>
/// Deterministic zh-TW / English phrase parser (no model, no guessing): same text, same intent. The text is normalized
/// (<see cref="ChatTextNormalizer"/>), then every family of phrases is tried; exactly one family must understand it,
/// otherwise (nothing, or two readings) the answer is null and the bot shows help.
/// </summary>
public static class ChatIntentParser
{
    /// <summary>The intent of a free-text message, or null when it is not understood (the bot answers with help).
    /// Symbols are recognized only when typed in capitals ("CAMP"); use the other overload to accept listed symbols in any case.</summary>
    public static ChatIntent? Parse(string? text) => Parse(text, []);

    /// <summary>As <see cref="Parse(string?)"/>, with the listed instruments: exactly <paramref name="knownSymbols"/> are
    /// symbols, in any case ("buy 10 camp"); other capitalized words are refused.</summary>
    public static ChatIntent? Parse(string? text, IReadOnlyCollection<string> knownSymbols)
    {
        ArgumentNullException.ThrowIfNull(knownSymbols);
        var normalized = ChatTextNormalizer.Normalize(text);
        if (normalized.Length == 0) return null;
        var symbols = knownSymbols.Count == 0 ? ChatSymbols.None : new ChatSymbols(knownSymbols);
        try
        {
            ChatIntent?[] readings =
            [
                QueryMatcher.Match(normalized, symbols),
                TransferMatcher.Match(normalized),
                DuelMatcher.Match(normalized),
                OrderMatcher.Match(normalized, symbols),
            ];
            var understood = readings.Where(r => r is not null).ToList();
            return understood.Count == 1 ? understood[0] : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null; // pathological input: not a command
        }
    }
}
