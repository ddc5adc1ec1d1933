using CampTrading.Core.Trading;
using CampTrading.Web.Telegram.Language;

namespace CampTrading.Tests.Telegram.Language;

/// <summary>The confirmation line the bot shows before acting, in both languages.</summary>
public sealed class ChatIntentTextTests
{
    public static TheoryData<ChatIntent, string, string> Lines => new()
    {
        { new OrderIntent(Side.Buy, 10, 25, "CAMP"), "買進 CAMP 10 股，限價 25 點", "Buy 10 CAMP at 25 (limit)" },
        { new OrderIntent(Side.Buy, 1, null), "買進 1 股，市價", "Buy 1 share at market" },
        { new OrderIntent(Side.Sell, 1500, 30), "賣出 1,500 股，限價 30 點", "Sell 1,500 shares at 30 (limit)" },
        { new OrderIntent(Side.Sell, null, null), "賣出 全部持股，市價", "Sell all shares at market" },
        { new OrderIntent(Side.Sell, null, 30, "CAMP"), "賣出 全部 CAMP 持股，限價 30 點", "Sell all CAMP at 30 (limit)" },
        { new TransferIntent(100, "王小明"), "轉 100 點給 王小明", "Transfer 100 points to 王小明" },
        { new TransferIntent(1, "bob"), "轉 1 點給 bob", "Transfer 1 point to bob" },
        { new DuelIntent(50), "發起猜拳，賭注 50 點，任何人都可應戰", "Challenge anyone to rock-paper-scissors for 50 points" },
        { new DuelIntent(50, "@alice"), "向 @alice 發起猜拳，賭注 50 點", "Challenge @alice to rock-paper-scissors for 50 points" },
        { new BalanceIntent(), "查看我的點數與持股", "Show my points and holdings" },
        { new PriceIntent(), "查看股價", "Show the price" },
        { new PriceIntent("CAMP"), "查看 CAMP 股價", "Show the price of CAMP" },
        { new OrdersIntent(), "查看我的委託", "Show my open orders" },
        { new CancelAllOrdersIntent(), "取消全部委託", "Cancel all my open orders" },
        { new LeaderboardIntent(), "查看排行榜", "Show the leaderboard" },
        { new HistoryIntent(), "查看我的紀錄", "Show my history" },
        { new HelpIntent(), "顯示說明", "Show help" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Describes_the_intent_in_both_languages(ChatIntent intent, string chinese, string english)
    {
        Assert.Equal(chinese, ChatIntentText.Describe(intent, english: false));
        Assert.Equal(english, ChatIntentText.Describe(intent, english: true));
    }

    [Fact]
    public void The_default_symbol_is_named_when_the_intent_names_none()
    {
        var order = new OrderIntent(Side.Buy, 10, 25);
        Assert.Equal("買進 CAMP 10 股，限價 25 點", ChatIntentText.Describe(order, english: false, defaultSymbol: "CAMP"));
        Assert.Equal("Buy 10 CAMP at 25 (limit)", ChatIntentText.Describe(order, english: true, defaultSymbol: "CAMP"));
        var own = new OrderIntent(Side.Buy, 10, 25, "TECH");
        Assert.Equal("Buy 10 TECH at 25 (limit)", ChatIntentText.Describe(own, english: true, defaultSymbol: "CAMP"));
    }

    [Fact]
    public void Every_parsed_phrase_can_be_described()
    {
        foreach (var row in ChatIntentParserTests.Phrases)
            if (row[1] is ChatIntent intent)
            {
                Assert.False(string.IsNullOrWhiteSpace(ChatIntentText.Describe(intent, english: false)));
                Assert.False(string.IsNullOrWhiteSpace(ChatIntentText.Describe(intent, english: true)));
            }
    }
}
