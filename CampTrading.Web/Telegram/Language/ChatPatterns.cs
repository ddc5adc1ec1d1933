namespace CampTrading.Web.Telegram.Language;

/// <summary>Regular-expression pieces shared by the transfer and duel tables.</summary>
internal static class ChatPatterns
{
    /// <summary>A whole number in digits or Chinese numerals, read later by <see cref="ChatNumberReader"/>.</summary>
    public const string Amount = "(?<amount>[0-9]+|[" + ChatNumberReader.ChineseNumeralChars + "]+)";

    /// <summary>An optional points unit after an amount.</summary>
    public const string PointsUnit = @"(?:\s*(?:點數|點|分|元|塊錢|塊|points|point|pts|pt))?";

    /// <summary>One word naming a person, as typed (a name, a username or an @handle). It cannot start with a digit, so
    /// "給王小明50點" splits as 王小明 / 50; lazy so that the amount after it is not swallowed.</summary>
    public const string Person = @"(?<person>@?[^\s0-9@給到跟和與][^\s給]*?)";

    /// <summary>A person at the end of the phrase: one word, or up to three Latin words ("Wang Xiao Ming"); "王小明 謝謝" is
    /// refused rather than read as a name.</summary>
    public const string PersonAtEnd = @"(?<person>@?[^\s0-9@給到跟和與][^\s]*(?:\s+[A-Za-z][A-Za-z0-9._-]*){0,2})";

    /// <summary>Words that cannot be a recipient or an opponent: "給我 50 點" asks for points, it does not send any.</summary>
    private static readonly HashSet<string> NotAPerson = new(StringComparer.OrdinalIgnoreCase)
    {
        "我", "我自己", "自己", "你", "me", "myself", "you", "點", "點數", "points", "point", "pts", "all", "全部", "everyone",
        "大家", "anyone", "任何人",
    };

    /// <summary>The person as typed, or null when it is a pronoun or a unit, or is nothing but Chinese numerals
    /// ("給五十點" has no recipient).</summary>
    public static string? PersonOrNull(string person)
    {
        var bare = person.TrimStart('@');
        if (bare.Length == 0 || NotAPerson.Contains(bare)) return null;
        if (bare.All(ChatNumberReader.IsChineseNumeral)) return null;
        return person;
    }

    /// <summary>The amount when it is a valid number of points.</summary>
    public static long? PointsOrNull(string amount) =>
        ChatNumberReader.TryRead(amount, out var value) && ChatLimits.IsPoints(value) ? value : null;
}
