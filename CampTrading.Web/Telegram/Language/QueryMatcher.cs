using System.Text.RegularExpressions;

namespace CampTrading.Web.Telegram.Language;

/// <summary>
/// Questions and list commands: balance, price, orders, cancel all, leaderboard, history, help. The phrase is compared
/// without spaces, case-folded, after dropping polite prefixes ("請", "我的", "show me", "my") and question endings ("呢",
/// "多少"). Only whole phrases from the table count.
/// </summary>
internal static partial class QueryMatcher
{
    private static readonly Dictionary<string, Func<ChatIntent>> Phrases = BuildTable(
        (() => new BalanceIntent(),
        [
            "餘額", "點數", "資產", "持股", "庫存", "投資組合", "錢包", "帳戶", "有多少錢", "有多少點", "還有多少錢", "還有多少點",
            "balance", "portfolio", "points", "holdings", "wallet", "account", "money",
        ]),
        (() => new PriceIntent(),
        [
            "價格", "股價", "現價", "報價", "行情", "市價", "價錢", "現在股價", "目前股價", "股價是",
            "price", "quote", "currentprice", "stockprice", "market",
        ]),
        (() => new OrdersIntent(),
        ["委託", "委託單", "掛單", "訂單", "委託中", "未成交", "orders", "openorders", "order", "pendingorders"]),
        (() => new CancelAllOrdersIntent(),
        [
            "取消全部委託", "取消所有委託", "全部取消", "取消全部", "取消全部掛單", "取消所有掛單", "撤銷全部委託", "全部撤單",
            "取消全部訂單", "取消所有訂單", "cancelall", "cancelallorders", "cancelallmyorders", "cancelallopenorders",
            "cancelorders", "cancelmyorders", "cancelallmyopenorders", "canceleverything",
        ]),
        (() => new LeaderboardIntent(),
        ["排行榜", "排行", "排名", "榜單", "名次", "leaderboard", "ranking", "rankings", "rank", "top", "scoreboard"]),
        (() => new HistoryIntent(),
        [
            "紀錄", "記錄", "交易紀錄", "交易記錄", "點數紀錄", "點數記錄", "歷史", "歷史紀錄", "明細", "交易明細", "成交紀錄",
            "history", "log", "logs", "trades", "transactions", "tradehistory",
        ]),
        (() => new HelpIntent(),
        ["幫助", "說明", "求助", "怎麼用", "如何使用", "指令", "使用說明", "help", "commands", "menu", "howto"]));

    /// <summary>Stripped repeatedly from the front, longest first.</summary>
    private static readonly string[] Prefixes = SortedLongestFirst(
        "請", "幫我", "我想看", "我要看", "我想查", "我要查", "查詢", "查看", "看看", "看", "查", "顯示", "給我看", "現在", "目前", "我的", "我",
        "please", "showme", "show", "check", "view", "see", "whatis", "whats", "what", "my", "the", "me", "list", "get", "current");

    /// <summary>Stripped repeatedly from the end, longest first.</summary>
    private static readonly string[] Suffixes = SortedLongestFirst(
        "是多少", "多少", "呢", "嗎", "吧", "啊", "please", "now", "plz", "pls");

    public static ChatIntent? Match(string text, ChatSymbols symbols)
    {
        if (PriceOfSymbol(text, symbols) is { } price) return price;
        var key = string.Concat(text.Where(c => c != ' ')).ToLowerInvariant();
        return Lookup(key)?.Invoke();
    }

    /// <summary>"price of CAMP", "CAMP price", "CAMP 股價", "股價 CAMP".</summary>
    private static PriceIntent? PriceOfSymbol(string text, ChatSymbols symbols)
    {
        var match = SymbolFirst().Match(text);
        if (!match.Success) match = SymbolLast().Match(text);
        if (!match.Success) return null;
        var symbol = symbols.Recognize(match.Groups["symbol"].Value);
        return symbol is null ? null : new PriceIntent(symbol);
    }

    /// <summary>The table entry for the key, trying again after each polite prefix or question ending is dropped
    /// (looked up before every cut, so "menu" is not cut to "nu" by the prefix "me").</summary>
    private static Func<ChatIntent>? Lookup(string key)
    {
        while (true)
        {
            if (Phrases.TryGetValue(key, out var intent)) return intent;
            var prefix = Array.Find(Prefixes, p => key.Length > p.Length && key.StartsWith(p, StringComparison.Ordinal));
            if (prefix is not null)
            {
                key = key[prefix.Length..];
                continue;
            }
            var suffix = Array.Find(Suffixes, s => key.Length > s.Length && key.EndsWith(s, StringComparison.Ordinal));
            if (suffix is null) return null;
            key = key[..^suffix.Length];
        }
    }

    private static Dictionary<string, Func<ChatIntent>> BuildTable(params (Func<ChatIntent> Intent, string[] Phrases)[] rows)
    {
        var table = new Dictionary<string, Func<ChatIntent>>(StringComparer.Ordinal);
        foreach (var (intent, phrases) in rows)
            foreach (var phrase in phrases)
                table.Add(phrase, intent);
        return table;
    }

    private static string[] SortedLongestFirst(params string[] words) => [.. words.OrderByDescending(w => w.Length)];

    private const string PriceWords = "price|quote|股價|價格|報價|現價|行情";

    [GeneratedRegex(@"^(?:what\s+is\s+|whats\s+)?(?:the\s+)?(?:" + PriceWords + @")\s*(?:of\s+|for\s+)?(?<symbol>[A-Za-z][A-Za-z0-9]*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SymbolLast();

    [GeneratedRegex(@"^(?<symbol>[A-Za-z][A-Za-z0-9]*)\s*(?:的\s*)?(?:" + PriceWords + @")\s*(?:是)?\s*(?:多少)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SymbolFirst();
}
