namespace CampTrading.Web.Telegram.Language;

internal readonly record struct OrderToken(OrderWord Word, long Number = 0, string? Symbol = null);

/// <summary>Cuts a normalized buy/sell phrase into <see cref="OrderToken"/>s (fillers dropped). Chinese has no spaces, so
/// keywords, digit runs and Chinese numeral runs are found wherever they start.</summary>
internal static class OrderLexer
{
    public static List<OrderToken> Tokenize(string text, ChatSymbols symbols)
    {
        var tokens = new List<OrderToken>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ') { i++; continue; }
            var (token, length) = ReadToken(text, i, symbols);
            if (token.Word != OrderWord.Filler) tokens.Add(token);
            i += length;
        }
        return tokens;
    }

    private static (OrderToken Token, int Length) ReadToken(string text, int start, ChatSymbols symbols)
    {
        var c = text[start];
        if (char.IsAsciiDigit(c))
        {
            var digits = RunLength(text, start, char.IsAsciiDigit);
            var end = start + digits;
            if (end < text.Length && text[end] == '.') return (new OrderToken(OrderWord.Unknown), digits + 1); // no fractions
            ChatNumberReader.TryRead(text.Substring(start, digits), out var number);
            return (new OrderToken(OrderWord.Number, number), digits);
        }
        if (OrderWords.KeywordAt(text, start) is { } keyword) return (new OrderToken(keyword.Meaning), keyword.Text.Length);
        if (ChatNumberReader.IsChineseNumeral(c))
        {
            var length = RunLength(text, start, ChatNumberReader.IsChineseNumeral);
            return ChatNumberReader.TryRead(text.Substring(start, length), out var number)
                ? (new OrderToken(OrderWord.Number, number), length)
                : (new OrderToken(OrderWord.Unknown), length);
        }
        if (char.IsAsciiLetter(c))
        {
            var length = RunLength(text, start, char.IsAsciiLetterOrDigit);
            var symbol = symbols.Recognize(text.Substring(start, length));
            return (symbol is null ? new OrderToken(OrderWord.Unknown) : new OrderToken(OrderWord.Symbol, Symbol: symbol), length);
        }
        return (new OrderToken(OrderWord.Unknown), 1);
    }

    private static int RunLength(string text, int start, Func<char, bool> belongs)
    {
        var end = start;
        while (end < text.Length && belongs(text[end])) end++;
        return end - start;
    }
}
