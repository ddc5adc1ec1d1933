namespace CampTrading.Web.Telegram.Language;

/// <summary>What a word means inside a buy/sell phrase.</summary>
internal enum OrderWord
{
    Buy,
    Sell,
    Number,
    /// <summary>股, shares: the number before it is a quantity.</summary>
    ShareUnit,
    /// <summary>元, 點, points: the number before it is a price.</summary>
    PriceUnit,
    /// <summary>at, @, 以, 每股: a price (or "market") follows.</summary>
    At,
    /// <summary>限價, limit, price: a price follows.</summary>
    Limit,
    Market,
    All,
    Symbol,
    /// <summary>Politeness and glue ("我要", "please", "of"): ignored.</summary>
    Filler,
    /// <summary>Words the grammar refuses on purpose: 張 (a board lot, 1,000 shares on the Taiwan exchange, is not a camp unit).</summary>
    Refused,
    Unknown,
}

/// <summary>The keyword table of buy/sell phrases, zh-TW and English. Matched longest first, case-insensitively; English
/// words only as whole words.</summary>
internal static class OrderWords
{
    private static readonly (string Text, OrderWord Meaning)[] Table =
    [
        ("買進", OrderWord.Buy), ("買入", OrderWord.Buy), ("購買", OrderWord.Buy), ("買", OrderWord.Buy),
        ("buy", OrderWord.Buy), ("purchase", OrderWord.Buy),
        ("賣出", OrderWord.Sell), ("出售", OrderWord.Sell), ("賣", OrderWord.Sell), ("sell", OrderWord.Sell),

        ("股", OrderWord.ShareUnit), ("shares", OrderWord.ShareUnit), ("share", OrderWord.ShareUnit),
        ("元", OrderWord.PriceUnit), ("塊錢", OrderWord.PriceUnit), ("塊", OrderWord.PriceUnit), ("點", OrderWord.PriceUnit),
        ("points", OrderWord.PriceUnit), ("point", OrderWord.PriceUnit), ("pts", OrderWord.PriceUnit),

        ("at", OrderWord.At), ("@", OrderWord.At), ("以", OrderWord.At), ("每股", OrderWord.At), ("for", OrderWord.At),
        ("限價", OrderWord.Limit), ("股價", OrderWord.Limit), ("單價", OrderWord.Limit), ("價格", OrderWord.Limit), ("價錢", OrderWord.Limit),
        ("價", OrderWord.Limit), ("limit", OrderWord.Limit), ("price", OrderWord.Limit),
        ("市價單", OrderWord.Market), ("market price", OrderWord.Market), ("市場價", OrderWord.Market), ("市價", OrderWord.Market), ("market", OrderWord.Market),
        ("mkt", OrderWord.Market),
        ("全部", OrderWord.All), ("所有", OrderWord.All), ("全數", OrderWord.All), ("all", OrderWord.All),
        ("everything", OrderWord.All),

        ("張", OrderWord.Refused), ("lots", OrderWord.Refused), ("lot", OrderWord.Refused),

        ("我想要", OrderWord.Filler), ("我要", OrderWord.Filler), ("我想", OrderWord.Filler), ("幫我", OrderWord.Filler),
        ("請", OrderWord.Filler), ("用", OrderWord.Filler), ("掉", OrderWord.Filler), ("了", OrderWord.Filler),
        ("吧", OrderWord.Filler), ("的", OrderWord.Filler), ("把", OrderWord.Filler), ("我的", OrderWord.Filler),
        ("股票", OrderWord.Filler), ("持股", OrderWord.Filler), ("我", OrderWord.Filler), ("要", OrderWord.Filler),
        ("想", OrderWord.Filler), ("一下", OrderWord.Filler),
        ("please", OrderWord.Filler), ("i", OrderWord.Filler), ("want", OrderWord.Filler), ("to", OrderWord.Filler),
        ("the", OrderWord.Filler), ("my", OrderWord.Filler), ("of", OrderWord.Filler), ("each", OrderWord.Filler),
        ("order", OrderWord.Filler), ("now", OrderWord.Filler), ("id", OrderWord.Filler), ("like", OrderWord.Filler),
    ];

    private static readonly (string Text, OrderWord Meaning)[] LongestFirst = [.. Table.OrderByDescending(e => e.Text.Length)];

    private static readonly HashSet<char> FirstChars = [.. Table.Select(e => char.ToLowerInvariant(e.Text[0]))];

    private static readonly string[] SideWords = [.. Table.Where(e => e.Meaning is OrderWord.Buy or OrderWord.Sell).Select(e => e.Text)];

    /// <summary>Cheap test before lexing: can the text be a buy/sell phrase at all?</summary>
    public static bool MentionsSide(string text) =>
        Array.Exists(SideWords, word => text.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>The keyword starting at <paramref name="start"/>, or null.</summary>
    public static (string Text, OrderWord Meaning)? KeywordAt(string text, int start)
    {
        if (!FirstChars.Contains(char.ToLowerInvariant(text[start]))) return null;
        foreach (var entry in LongestFirst)
        {
            var word = entry.Text;
            if (start + word.Length > text.Length) continue;
            if (string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
            // An English keyword must be a whole word: "all" is not the start of "alice", but "at25" is "at 25".
            var end = start + word.Length;
            if (char.IsAsciiLetter(word[^1]) && end < text.Length && char.IsAsciiLetter(text[end])) continue;
            return entry;
        }
        return null;
    }
}
