using System.Globalization;

namespace CampTrading.Web.Telegram.Language;

/// <summary>Whole numbers as students type them: ASCII digits ("10", after normalization also "１０") or Chinese numerals
/// ("十", "二十五", "一百", "兩百", "三千五百", "一百零五", "五萬"). Anything else is not a number: no guessing.</summary>
internal static class ChatNumberReader
{
    /// <summary>The characters that can make up a Chinese numeral (for regular expressions and the lexer).</summary>
    public const string ChineseNumeralChars = "零〇一二兩三四五六七八九十百千萬";

    /// <summary>Returned for numbers too long to hold; every grammar refuses it as out of range.</summary>
    public const long TooLarge = long.MaxValue;

    public static bool IsChineseNumeral(char c) => ChineseNumeralChars.Contains(c, StringComparison.Ordinal);

    /// <summary>Reads the whole of <paramref name="text"/> as one number.</summary>
    public static bool TryRead(string text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text)) return false;
        if (text.All(char.IsAsciiDigit))
        {
            value = text.TrimStart('0').Length > 15 ? TooLarge : long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            return true;
        }
        return TryReadChinese(text, out value);
    }

    private static bool TryReadChinese(string text, out long value)
    {
        value = 0;
        long total = 0, section = 0;
        long? digit = null;
        var lastUnit = long.MaxValue; // units inside one 萬-section must come in falling order: 千 百 十
        var sawTenThousand = false;
        foreach (var c in text)
        {
            var d = DigitOf(c);
            if (d >= 0)
            {
                if (digit is not null && d != 0) return false; // "一二" is not a number
                digit = d == 0 ? null : d;
                continue;
            }
            var unit = UnitOf(c);
            if (unit == 0) return false;
            if (unit == 10_000)
            {
                if (sawTenThousand) return false;
                section += digit ?? 0;
                if (section == 0) return false;
                total = section * 10_000;
                section = 0;
                digit = null;
                lastUnit = long.MaxValue;
                sawTenThousand = true;
                continue;
            }
            if (unit >= lastUnit) return false;
            // A bare 十 at the start of a section means one ten ("十五" = 15); 百 and 千 need their digit.
            var multiplier = digit ?? (unit == 10 && section == 0 ? 1 : 0);
            if (multiplier == 0) return false;
            section += multiplier * unit;
            digit = null;
            lastUnit = unit;
        }
        value = total + section + (digit ?? 0);
        return value > 0 || text.All(c => DigitOf(c) == 0);
    }

    private static int DigitOf(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static long UnitOf(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '萬' => 10_000,
        _ => 0,
    };
}
