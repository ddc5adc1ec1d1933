using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Announcements;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Telegram;

/// <summary>Conversations with the real app (engine, database) through the fake Bot API, as students would have them.</summary>
public sealed class BotConversationTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const long GroupChat = -100777;
    private FakeBotApi _api = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _app = await BotApp.StartAsync(postgres, _api, ("Telegram:GroupChats:0", GroupChat.ToString(CultureInfo.InvariantCulture)));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    private async Task LinkAsync(long user, string code, string language = "zh-hant")
    {
        _api.SendText(user, "/start " + code, language);
        await _api.NextAsync(user, language.StartsWith("en", StringComparison.Ordinal) ? "Linked to" : "已綁定");
    }

    [Fact]
    public async Task Linking_one_line_orders_cancel_button_rejections_login_and_help()
    {
        var students = await _app.ImportAsync(("s1", "Alice", "Red"), ("s2", "Bob", "Blue"));
        var alice = students["s1"];
        await _app.GrantPointsAsync(alice.AccountId, 10_000);
        const long aliceChat = 501, bobChat = 502;

        // Unlinked: instructions, not errors; a wrong code is explained.
        _api.SendText(aliceChat, "/portfolio");
        Assert.Contains("/register", (await _api.NextAsync(aliceChat)).Text, StringComparison.Ordinal);
        _api.SendText(aliceChat, "/register WRONG999");
        await _api.NextAsync(aliceChat, "找不到這個註冊碼");
        await LinkAsync(aliceChat, alice.Secret);
        Assert.Equal(aliceChat, (await _app.Services.GetRequiredService<Web.Roster.StudentStore>().FindByAccountAsync(alice.AccountId))!.TelegramUserId);

        // One-line limit buy below the IPO ask: it rests, and the reply says so.
        _api.SendText(aliceChat, "/buy 10 19");
        var placed = await _api.NextAsync(aliceChat, "已掛單");
        Assert.Contains("10", placed.Text, StringComparison.Ordinal);
        var order = Assert.Single(_app.Exchange.Market.OpenOrders(alice.AccountId));
        Assert.Equal((19L, 10L), (order.Price, order.Remaining));
        Assert.Equal(OrderOrigin.Telegram, order.Origin);

        // /orders lists it with a cancel button, which cancels it.
        _api.SendText(aliceChat, "/orders");
        var list = await _api.NextAsync(aliceChat, "#" + order.Id.ToString(CultureInfo.InvariantCulture));
        _api.Press(aliceChat, list, list.DataOf("取消 #"));
        var cancelled = await _api.NextAsync(aliceChat, "已取消 #");
        Assert.Equal("editMessageText", cancelled.Method);
        Assert.Empty(_app.Exchange.Market.OpenOrders(alice.AccountId));

        // Engine rejections reach the chat in the user's language, with the stable code.
        _api.SendText(aliceChat, "/buy 10 999");
        var rejected = await _api.NextAsync(aliceChat, "❌");
        Assert.Contains(RejectCodes.Message(RejectCode.PriceOutsideBand, CultureInfo.GetCultureInfo("zh-TW"), 16, 24), rejected.Text, StringComparison.Ordinal);
        Assert.Contains("(price_outside_band)", rejected.Text, StringComparison.Ordinal);

        await LinkAsync(bobChat, students["s2"].Secret, "en");
        _api.SendText(bobChat, "/buy 5", "en"); // market buy with no points
        var english = await _api.NextAsync(bobChat, "❌");
        Assert.Contains("Not done", english.Text, StringComparison.Ordinal);
        Assert.Contains("(" + RejectCodes.Code(RejectCode.InsufficientPoints) + ")", english.Text, StringComparison.Ordinal);

        // The one-time web login link, and help for what the bot does not understand.
        _api.SendText(aliceChat, "/login");
        Assert.Contains("https://camp.example/login/link/", (await _api.NextAsync(aliceChat, "/login/link/")).Text, StringComparison.Ordinal);
        _api.SendText(aliceChat, "/frobnicate");
        await _api.NextAsync(aliceChat, "不認得這個指令");
        _api.SendText(aliceChat, "qwerty zxcv");
        await _api.NextAsync(aliceChat, "我看不懂");
        _api.SendText(aliceChat, "/portfolio");
        await _api.NextAsync(aliceChat, "Alice 的資產");
    }

    [Fact]
    public async Task Free_text_is_understood_shown_back_and_acted_on_only_after_confirmation()
    {
        var students = await _app.ImportAsync(("n1", "Nina", "Red"));
        await _app.GrantPointsAsync(students["n1"].AccountId, 10_000);
        const long chat = 701;
        await LinkAsync(chat, students["n1"].Secret);

        _api.SendText(chat, "請幫我買 10 股 19 元");
        var offer = await _api.NextAsync(chat, "我的理解：");
        Assert.Contains("CAMP 10 股，每股 19 點", offer.Text, StringComparison.Ordinal);
        Assert.Empty(_app.Exchange.Market.OpenOrders(students["n1"].AccountId)); // nothing before the button
        _api.Press(chat, offer, offer.DataOf("確認"));
        await _api.NextAsync(chat, "已掛單");
        var order = Assert.Single(_app.Exchange.Market.OpenOrders(students["n1"].AccountId));
        Assert.Equal((19L, 10L), (order.Price, order.Remaining));

        _api.SendText(chat, "sell all at market", "en");
        await _api.NextAsync(chat, "You have no shares to sell.");
        _api.SendText(chat, "我的餘額");
        await _api.NextAsync(chat, "Nina 的資產");
        _api.SendText(chat, "取消全部委託");
        var cancelAll = await _api.NextAsync(chat, "我的理解：");
        _api.Press(chat, cancelAll, cancelAll.DataOf("確認"));
        await _api.NextAsync(chat, "取消");
        await WaitUntilAsync(() => _app.Exchange.Market.OpenOrders(students["n1"].AccountId).Count == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }

    [Fact]
    public async Task Guided_buy_fills_a_resting_sell_the_seller_is_told_then_a_transfer_and_an_announcement()
    {
        var students = await _app.ImportAsync(("b", "Buyer", "Red"), ("s", "Seller", "Blue"), ("w1", "王小明", "Red"), ("w2", "王小明", "Green"));
        const long buyerChat = 601, sellerChat = 602, wangChat = 603;
        await _app.GrantPointsAsync(students["b"].AccountId, 5_000);
        await _app.GrantAsync(students["s"].AccountId, 1, 50);
        await LinkAsync(buyerChat, students["b"].Secret);
        await LinkAsync(sellerChat, students["s"].Secret);
        await LinkAsync(wangChat, students["w2"].Secret);

        await _app.GrantPointsAsync(students["w2"].AccountId, 7);
        await _api.NextAsync(wangChat, "🎁 發放 +7");

        _api.SendText(sellerChat, "/sell 10 18");
        await _api.NextAsync(sellerChat, "已掛單");

        // Guided: quantity, limit, price, confirm — each step edits the same message.
        _api.SendText(buyerChat, "/buy");
        var step = await _api.NextAsync(buyerChat, "幾股");
        _api.Press(buyerChat, step, step.DataOf("10"));
        step = await _api.NextAsync(buyerChat, "市價還是限價");
        _api.Press(buyerChat, step, step.DataOf("限價"));
        step = await _api.NextAsync(buyerChat, "價格");
        _api.Press(buyerChat, step, step.DataOf("18"));
        step = await _api.NextAsync(buyerChat, "確認下單");
        Assert.Contains("18", step.Text, StringComparison.Ordinal);
        _api.Press(buyerChat, step, step.DataOf("確認"));
        await _api.NextAsync(buyerChat, "全部成交");
        Assert.Equal(10, _app.Exchange.Market.Account(students["b"].AccountId)!.SharesOf(1));

        var fill = await _api.NextAsync(sellerChat, "成交：賣出");
        Assert.Contains("10 股 @ 18", fill.Text, StringComparison.Ordinal);

        // Transfer to an ambiguous name: candidates as buttons, then the fee preview, then confirm.
        _api.SendText(buyerChat, "/transfer 100 王小明");
        var pick = await _api.NextAsync(buyerChat, "哪一位");
        Assert.Equal(3, pick.Buttons.Count); // two candidates and cancel
        _api.Press(buyerChat, pick, pick.DataOf("Green"));
        var preview = await _api.NextAsync(buyerChat, "手續費");
        _api.Press(buyerChat, preview, preview.DataOf("確認轉帳"));
        await _api.NextAsync(buyerChat, "已轉 100 點給 王小明");
        Assert.Equal(107, _app.Exchange.Market.Account(students["w2"].AccountId)!.Points);
        await _api.NextAsync(wangChat, "Buyer 轉給你 100");

        // Guided: a bare /transfer asks for amount and recipient, the next message answers.
        _api.SendText(sellerChat, "/transfer");
        await _api.NextAsync(sellerChat, "要轉多少點給誰");
        _api.SendText(sellerChat, "Buyer 40");
        await _api.NextAsync(sellerChat, "轉 40 點給 Buyer");

        // Announcements: to linked students who did not mute them, and to the configured group.
        _api.SendText(sellerChat, "/settings");
        var settings = await _api.NextAsync(sellerChat, "通知設定");
        _api.Press(sellerChat, settings, settings.DataOf("公告"));
        await _api.NextAsync(sellerChat, "通知設定");
        _app.Services.GetRequiredService<AnnouncementFeed>().Changes.Publish(new AnnouncementChange(AnnouncementChangeKind.Published,
            new Announcement(1, "市場開盤", "今天 **9 點**開盤", AnnouncementPriority.Important, DateTimeOffset.UtcNow, true, "staff")));
        await _api.NextAsync(GroupChat, "市場開盤");
        await _api.NextAsync(buyerChat, "市場開盤");
        await _api.NextAsync(wangChat, "市場開盤");
        Assert.DoesNotContain(_api.Outputs(sellerChat), o => o.Text.Contains("市場開盤", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duel_in_a_group_with_hidden_private_choices_and_the_result_posted_in_the_group()
    {
        var students = await _app.ImportAsync(("d1", "Dora", "Red"), ("d2", "Eli", "Blue"));
        const long dora = 901, eli = 902, group = -100888;
        await _app.GrantPointsAsync(students["d1"].AccountId, 200);
        await _app.GrantPointsAsync(students["d2"].AccountId, 200);
        await LinkAsync(dora, students["d1"].Secret);
        await LinkAsync(eli, students["d2"].Secret);

        _api.SendText(dora, "/pvp 30 Eli", chatId: group);
        var challenge = await _api.NextAsync(group, "發起猜拳對戰");
        await _api.NextAsync(eli, "Dora 向你發起猜拳對戰"); // the invitation, privately
        _api.Press(eli, challenge, challenge.DataOf("接受"));
        await _api.NextAsync(group, "Eli 接受了 Dora 的挑戰");

        var doraHand = await _api.NextAsync(dora, "出什麼");
        var eliHand = await _api.NextAsync(eli, "出什麼");
        _api.Press(dora, doraHand, doraHand.DataOf("Rock"));
        await _api.NextAsync(dora, "等待對手");
        _api.Press(eli, eliHand, eliHand.DataOf("Scissors"));

        var result = await _api.NextAsync(group, "🏆");
        Assert.Contains("Dora 贏得 30 點", result.Text, StringComparison.Ordinal);
        Assert.Contains("Dora ✊ vs ✌️ Eli", result.Text, StringComparison.Ordinal);
        Assert.Equal(230, _app.Exchange.Market.Account(students["d1"].AccountId)!.Points);
        Assert.Equal(170, _app.Exchange.Market.Account(students["d2"].AccountId)!.Points);

        // In a group, commands addressed to another bot are left alone; ours are answered (one sender's updates in order).
        _api.SendText(dora, "/price@OtherBot", chatId: group);
        _api.SendText(dora, "/price@CampTestBot", chatId: group);
        await _api.NextAsync(group, "CAMP Camp Stock");
        Assert.Single(_api.Outputs(group), o => o.Text.Contains("CAMP Camp Stock", StringComparison.Ordinal));
    }
}
