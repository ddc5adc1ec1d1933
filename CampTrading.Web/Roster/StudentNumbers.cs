using System.Globalization;

namespace CampTrading.Web.Roster;

/// <summary>
/// Public student numbers (SPEC §6): digits from 1001 up, drawn by the database. What booths, arcade machines, boards
/// and searches show and scan; seeing one never lets anyone act as the student. Never confused with a secret, which
/// is 8 characters with letters.
/// </summary>
public static class StudentNumbers
{
    /// <summary>Longest accepted number: seven digits is ten million students.</summary>
    public const int MaxDigits = 7;

    /// <summary>
    /// The number in what someone typed or scanned: digits, optionally after <c>#</c>, surrounded by spaces. Null for
    /// anything else (a secret included).
    /// </summary>
    public static int? Parse(string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.StartsWith('#')) text = text[1..].TrimStart();
        if (text.Length is 0 or > MaxDigits || !text.All(char.IsAsciiDigit)) return null;
        var number = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return number > 0 ? number : null;
    }

    public static string Format(int number) => number.ToString(CultureInfo.InvariantCulture);
}
