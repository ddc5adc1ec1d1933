using CampTrading.Core.Trading;
using CampTrading.Web.Telegram.Language;

namespace CampTrading.Tests.Telegram.Language;

/// <summary>The phrase table of the chat grammar: each phrase with the exact intent it must give, or null when the parser
/// must refuse (the bot then shows help instead of guessing).</summary>
public sealed class ChatIntentParserTests
{
    private static OrderIntent Buy(long quantity, long? price = null, string? symbol = null) => new(Side.Buy, quantity, price, symbol);

    private static OrderIntent Sell(long? quantity, long? price = null, string? symbol = null) => new(Side.Sell, quantity, price, symbol);

    public static TheoryData<string, ChatIntent?> Phrases => new()
    {
        // Orders, zh-TW
        { "買 10 股 25 元", Buy(10, 25) },
        { "買10股25元", Buy(10, 25) },
        { "買十股", Buy(10) },
        { "買 二十 股 每股 二十五 元", Buy(20, 25) },
        { "買進 一百 股", Buy(100) },
        { "買 兩百 股 20 點", Buy(200, 20) },
        { "用市價買 5 股", Buy(5) },
        { "以市價買進 5 股", Buy(5) },
        { "限價 25 元買 10 股", Buy(10, 25) },
        { "25元買10股", Buy(10, 25) },
        { "我要買 10 股 CAMP，25 元", Buy(10, 25, "CAMP") },
        { "用市價賣掉全部", Sell(null) },
        { "全部賣掉", Sell(null) },
        { "賣掉全部持股", Sell(null) },
        { "全部以 30 元賣出", Sell(null, 30) },
        { "賣 5 股 30 元", Sell(5, 30) },
        { "賣出 1,000 股", Sell(1000) },
        { "賣 ５ 股 ＠ ３０", Sell(5, 30) },
        { "請幫我賣 3 股", Sell(3) },
        // Orders, English
        { "sell 5 at 30", Sell(5, 30) },
        { "buy 10 @ 25", Buy(10, 25) },
        { "BUY 10 @25", Buy(10, 25) },
        { "sell all at market", Sell(null) },
        { "Sell all my shares at market price.", Sell(null) },
        { "buy 10 CAMP at 21", Buy(10, 21, "CAMP") },
        { "buy 10 shares of CAMP at 21 each", Buy(10, 21, "CAMP") },
        { "I want to buy 3 shares", Buy(3) },
        { "market sell 7", Sell(7) },
        { "sell 4 limit 22", Sell(4, 22) },
        { "buy 1 for 19 points", Buy(1, 19) },
        { "/buy 10 25", Buy(10, 25) },
        { "/sell@CampBot 5", Sell(5) },
        { "buy 1000000", Buy(1_000_000) },
        { "sell all at 30", Sell(null, 30) },
        { "/sell all 30", null },
        { "每股25元買10股", Buy(10, 25) },
        { "買 五十 股 股價 二十", Buy(50, 20) },
        { "ｂｕｙ　１０　ａｔ　２５", Buy(10, 25) },
        { "buy 10 TODAY", Buy(10, null, "TODAY") },
        // Orders that must be refused
        { "買 賣 10", null },
        { "buy 10 sell 10", null },
        { "買 0 股", null },
        { "buy -5 at 20", null },
        { "sell 5 at 0", null },
        { "buy 1000001", null },
        { "買 一千萬 股", null },
        { "buy 99999999999999999999999", null },
        { "buy 10 at 25.5", null },
        { "賣 3 張 at 30", null },
        { "buy all", null },
        { "全部買進", null },
        { "sell 5 at 30 at market", null },
        { "用市價賣 5 股 30 元", null },
        { "buy", null },
        { "買股票", null },
        { "buy 10 20 30", null },
        { "buy 10 bananas", null },
        { "buy 10 camp", null },
        { "sell 5 at", null },
        { "買 十十 股", null },
        { "buy 10%", null },
        // Transfers
        { "轉 100 點給 王小明", new TransferIntent(100, "王小明") },
        { "轉100點給王小明", new TransferIntent(100, "王小明") },
        { "轉帳 一百 點 到 bob", new TransferIntent(100, "bob") },
        { "給 @alice 50 點", new TransferIntent(50, "@alice") },
        { "給 ＠alice ５０ 點", new TransferIntent(50, "@alice") },
        { "給王小明50點", new TransferIntent(50, "王小明") },
        { "轉給 陳一心 五十 點", new TransferIntent(50, "陳一心") },
        { "送 bob 20 點", new TransferIntent(20, "bob") },
        { "transfer 100 to alice", new TransferIntent(100, "alice") },
        { "Transfer 1,500 points to Wang Xiao Ming", new TransferIntent(1500, "Wang Xiao Ming") },
        { "send bob 20 points", new TransferIntent(20, "bob") },
        { "give alice99 50", new TransferIntent(50, "alice99") },
        { "/transfer alice 100", new TransferIntent(100, "alice") },
        // Transfers that must be refused
        { "轉給 bob", null },
        { "transfer to alice", null },
        { "transfer 100", null },
        { "給我 50 點", null },
        { "give me 50 points", null },
        { "轉 0 點給 bob", null },
        { "send bob -20 points", null },
        { "transfer 2000000 to alice", null },
        { "給五十點", null },
        { "轉 100 點給 王小明 謝謝", null },
        // Duels
        { "猜拳 50 點", new DuelIntent(50) },
        { "猜拳五十點", new DuelIntent(50) },
        { "pvp 50", new DuelIntent(50) },
        { "pvp 50 with alice", new DuelIntent(50, "alice") },
        { "pvp alice 50", new DuelIntent(50, "alice") },
        { "challenge bob for 30", new DuelIntent(30, "bob") },
        { "跟 alice 猜拳 50 點", new DuelIntent(50, "alice") },
        { "猜拳 20 點 跟 王小明", new DuelIntent(20, "王小明") },
        { "duel with bob for 50", new DuelIntent(50, "bob") },
        { "挑戰 bob 30 點", new DuelIntent(30, "bob") },
        { "猜拳", null },
        { "pvp 0", null },
        { "pvp with alice", null },
        // Questions and lists
        { "我的餘額", new BalanceIntent() },
        { "餘額", new BalanceIntent() },
        { "my balance", new BalanceIntent() },
        { "What's my balance?", new BalanceIntent() },
        { "portfolio", new BalanceIntent() },
        { "/portfolio", new BalanceIntent() },
        { "/balance", new BalanceIntent() },
        { "我還有多少點", new BalanceIntent() },
        { "價格", new PriceIntent() },
        { "現在股價多少", new PriceIntent() },
        { "現在股價多少？", new PriceIntent() },
        { "price", new PriceIntent() },
        { "price of CAMP", new PriceIntent("CAMP") },
        { "CAMP 股價", new PriceIntent("CAMP") },
        { "CAMP price", new PriceIntent("CAMP") },
        { "我的委託", new OrdersIntent() },
        { "my orders", new OrdersIntent() },
        { "/orders", new OrdersIntent() },
        { "取消全部委託", new CancelAllOrdersIntent() },
        { "cancel all orders", new CancelAllOrdersIntent() },
        { "Cancel all my orders!", new CancelAllOrdersIntent() },
        { "排行榜", new LeaderboardIntent() },
        { "leaderboard", new LeaderboardIntent() },
        { "show me the leaderboard", new LeaderboardIntent() },
        { "紀錄", new HistoryIntent() },
        { "我的交易紀錄", new HistoryIntent() },
        { "history", new HistoryIntent() },
        { "/log", new HistoryIntent() },
        { "幫助", new HelpIntent() },
        { "help", new HelpIntent() },
        { "HELP", new HelpIntent() },
        { "menu", new HelpIntent() },
        { "/help@CampBot", new HelpIntent() },
        // Nothing to understand
        { "", null },
        { "   ", null },
        { "你好", null },
        { "hello there", null },
        { "取消委託", null },
        { "price of camp", null },
        { "?!", null },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public void Phrase_gives_exactly_this_intent(string phrase, ChatIntent? expected) =>
        Assert.Equal(expected, ChatIntentParser.Parse(phrase));

    [Fact]
    public void Null_text_is_not_understood() => Assert.Null(ChatIntentParser.Parse(null));

    [Fact]
    public void The_phrase_table_is_large_and_covers_refusals()
    {
        var rows = Phrases.Select(row => (ChatIntent?)row[1]).ToList();
        Assert.True(rows.Count >= 60, $"only {rows.Count} phrases");
        Assert.Contains(rows, r => r is null);
    }

    [Theory]
    [InlineData("buy 10 camp at 21", "CAMP")]
    [InlineData("買 10 股 tech 25 元", "TECH")]
    [InlineData("price of camp", "CAMP")]
    public void Listed_symbols_are_recognized_in_any_case(string phrase, string symbol)
    {
        var intent = ChatIntentParser.Parse(phrase, ["CAMP", "tech"]);
        var named = intent switch
        {
            OrderIntent order => order.Symbol,
            PriceIntent price => price.Symbol,
            _ => null,
        };
        Assert.Equal(symbol, named);
    }

    [Theory]
    [InlineData("buy 10 bananas")]
    [InlineData("buy 10 TODAY")]
    [InlineData("price of TECH")]
    public void Only_listed_symbols_count_when_symbols_are_listed(string phrase) =>
        Assert.Null(ChatIntentParser.Parse(phrase, ["CAMP"]));
}
