using System.Globalization;
using System.Text;

namespace CampTrading.Web.Telegram.Language;

/// <summary>
/// Brings a chat message to one spelling before any grammar looks at it: compatibility-normalized (full-width １０, ＠ and
/// spaces become ASCII), invisible characters dropped, sentence punctuation turned into spaces, thousands separators removed,
/// a leading '/' (and a "@BotName" after the command word) dropped, whitespace collapsed. Case is kept: symbols typed in
/// capitals and recipients as typed matter; keyword tables compare case-insensitively.
/// </summary>
internal static class ChatTextNormalizer
{
    /// <summary>Longer messages are not commands; refusing them keeps every matcher cheap.</summary>
    public const int MaxLength = 300;

    /// <summary>Punctuation that only decorates a sentence. Anything else that is not a letter or digit ('-', '+', '%', '#')
    /// stays and makes the grammars refuse, because it may change the meaning ("-5", "10%").</summary>
    private const string Decoration = ",.!?;:\"()[]{}~…。、「」『』【】《》〈〉$·•*_";

    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        if (text.Length > MaxLength * 4) return "";
        var compatible = Compatible(text);
        if (compatible is null || compatible.Length > MaxLength) return "";

        var builder = new StringBuilder(compatible.Length);
        for (var i = 0; i < compatible.Length; i++)
        {
            var c = compatible[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Format or UnicodeCategory.Control && !char.IsWhiteSpace(c)) continue;
            if (char.IsWhiteSpace(c)) builder.Append(' ');
            else if (c is '\'' or '’') continue; // "I'd", "what's"
            else if (c == ',' && IsThousandsSeparator(compatible, i)) continue;
            else if (c == '.' && IsDecimalPoint(compatible, i)) builder.Append(c);
            else if (Decoration.Contains(c, StringComparison.Ordinal)) builder.Append(' ');
            else builder.Append(c);
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        if (words[0].StartsWith('/'))
        {
            var command = words[0][1..];
            var botName = command.IndexOf('@', StringComparison.Ordinal);
            words[0] = botName > 0 ? command[..botName] : command;
        }
        return string.Join(' ', words.Where(w => w.Length > 0));
    }

    /// <summary>Compatibility-normalized text, or null for text Unicode normalization rejects (a half surrogate pair,
    /// U+FFFE): that is junk, not a command.</summary>
    private static string? Compatible(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>"1,000" but not "10, 20" or "1,5".</summary>
    private static bool IsThousandsSeparator(string text, int comma)
    {
        if (comma == 0 || !char.IsAsciiDigit(text[comma - 1])) return false;
        var digits = 0;
        while (comma + 1 + digits < text.Length && char.IsAsciiDigit(text[comma + 1 + digits])) digits++;
        return digits == 3;
    }

    /// <summary>"25.5" keeps its point so that the grammars refuse it (money is whole points); "at 30." loses it.</summary>
    private static bool IsDecimalPoint(string text, int dot) =>
        dot > 0 && dot + 1 < text.Length && char.IsAsciiDigit(text[dot - 1]) && char.IsAsciiDigit(text[dot + 1]);
}
