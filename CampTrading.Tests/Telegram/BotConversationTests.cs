using System.Globalization;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Announcements;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Telegram;

/// <summary>Conversations with the real app (engine, database) through the fake Bot API, as students would have them.</summary>
public sealed class BotConversationTests(PostgresFixture postgres)
    : BotTest(postgres, ("Telegram:GroupChats:0", GroupChat.ToString(CultureInfo.InvariantCulture))), IClassFixture<PostgresFixture>
{
    private const long GroupChat = -100777;

    [Fact]
    public async Task Linking_one_line_orders_cancel_button_rejections_login_and_help()
    {
        var students = await App.ImportAsync(("s1", "Alice", "Red"), ("s2", "Bob", "Blue"));
        var alice = students["s1"];
        await App.GrantPointsAsync(alice.AccountId, 10_000);
        const long aliceChat = 501, bobChat = 502;

        // Unlinked: instructions, not errors; a wrong code is explained.
        Api.SendText(aliceChat, "/portfolio");
        Assert.Contains("/register", (await Api.NextAsync(aliceChat)).Text, StringComparison.Ordinal);
        Api.SendText(aliceChat, "/register WRONG999");
        await Api.NextAsync(aliceChat, "找不到這個註冊碼");
        await LinkAsync(aliceChat, alice.Secret);
        Assert.Equal(aliceChat, (await App.Services.GetRequiredService<Web.Roster.StudentStore>().FindByAccountAsync(alice.AccountId))!.TelegramUserId);

        // One-line limit buy below the IPO ask: it rests, and the reply says so.
        Api.SendText(aliceChat, "/buy 10 19");
        var placed = await Api.NextAsync(aliceChat, "已掛單");
        Assert.Contains("10", placed.Text, StringComparison.Ordinal);
        var order = Assert.Single(App.Exchange.Market.OpenOrders(alice.AccountId));
        Assert.Equal((19L, 10L), (order.Price, order.Remaining));
        Assert.Equal(OrderOrigin.Telegram, order.Origin);

        // /orders lists it with a cancel button, which cancels it.
        Api.SendText(aliceChat, "/orders");
        var list = await Api.NextAsync(aliceChat, "#" + order.Id.ToString(CultureInfo.InvariantCulture));
        Api.Press(aliceChat, list, list.DataOf("取消 #"));
        var cancelled = await Api.NextAsync(aliceChat, "已取消 #");
        Assert.Equal("editMessageText", cancelled.Method);
        Assert.Empty(App.Exchange.Market.OpenOrders(alice.AccountId));

        // Engine rejections reach the chat in the user's language, with the stable code.
        Api.SendText(aliceChat, "/buy 10 999");
        var rejected = await Api.NextAsync(aliceChat, "❌");
        Assert.Contains(RejectCodes.Message(RejectCode.PriceOutsideBand, CultureInfo.GetCultureInfo("zh-TW"), 16, 24), rejected.Text, StringComparison.Ordinal);
        Assert.Contains("(price_outside_band)", rejected.Text, StringComparison.Ordinal);

        await LinkAsync(bobChat, students["s2"].Secret, "en");
        Api.SendText(bobChat, "/buy 5", "en"); // market buy with no points
        var english = await Api.NextAsync(bobChat, "❌");
        Assert.Contains("Not done", english.Text, StringComparison.Ordinal);
        Assert.Contains("(" + RejectCodes.Code(RejectCode.InsufficientPoints) + ")", english.Text, StringComparison.Ordinal);

        // The one-time web login link, and help for what the bot does not understand.
        Api.SendText(aliceChat, "/login");
        Assert.Contains("https://camp.example/login/link/", (await Api.NextAsync(aliceChat, "/login/link/")).Text, StringComparison.Ordinal);
        Api.SendText(aliceChat, "/frobnicate");
        await Api.NextAsync(aliceChat, "不認得這個指令");
        Api.SendText(aliceChat, "qwerty zxcv");
        await Api.NextAsync(aliceChat, "我看不懂");
        Api.SendText(aliceChat, "/portfolio");
        await Api.NextAsync(aliceChat, "Alice 的資產");
    }

    [Fact]
    public async Task Free_text_is_understood_shown_back_and_acted_on_only_after_confirmation()
    {
        var students = await App.ImportAsync(("n1", "Nina", "Red"));
        await App.GrantPointsAsync(students["n1"].AccountId, 10_000);
        const long chat = 701;
        await LinkAsync(chat, students["n1"].Secret);

        Api.SendText(chat, "請幫我買 10 股 19 元");
        var offer = await Api.NextAsync(chat, "我的理解：");
        Assert.Contains("CAMP 10 股，每股 19 點", offer.Text, StringComparison.Ordinal);
        Assert.Empty(App.Exchange.Market.OpenOrders(students["n1"].AccountId)); // nothing before the button
        Api.Press(chat, offer, offer.DataOf("確認"));
        await Api.NextAsync(chat, "已掛單");
        var order = Assert.Single(App.Exchange.Market.OpenOrders(students["n1"].AccountId));
        Assert.Equal((19L, 10L), (order.Price, order.Remaining));

        Api.SendText(chat, "sell all at market", "en");
        await Api.NextAsync(chat, "You have no shares to sell.");
        Api.SendText(chat, "我的餘額");
        await Api.NextAsync(chat, "Nina 的資產");
        Api.SendText(chat, "取消全部委託");
        var cancelAll = await Api.NextAsync(chat, "我的理解：");
        Api.Press(chat, cancelAll, cancelAll.DataOf("確認"));
        await Api.NextAsync(chat, "取消");
        await WaitUntilAsync(() => App.Exchange.Market.OpenOrders(students["n1"].AccountId).Count == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }

    [Fact]
    public async Task Guided_buy_fills_a_resting_sell_the_seller_is_told_then_a_transfer_and_an_announcement()
    {
        var students = await App.ImportAsync(("b", "Buyer", "Red"), ("s", "Seller", "Blue"), ("w1", "王小明", "Red"), ("w2", "王小明", "Green"));
        const long buyerChat = 601, sellerChat = 602, wangChat = 603;
        await App.GrantPointsAsync(students["b"].AccountId, 5_000);
        await App.GrantAsync(students["s"].AccountId, 1, 50);
        await LinkAsync(buyerChat, students["b"].Secret);
        await LinkAsync(sellerChat, students["s"].Secret);
        await LinkAsync(wangChat, students["w2"].Secret);

        await App.GrantPointsAsync(students["w2"].AccountId, 7);
        await Api.NextAsync(wangChat, "🎁 發放 +7");

        Api.SendText(sellerChat, "/sell 10 18");
        await Api.NextAsync(sellerChat, "已掛單");

        // Guided: quantity, limit, price, confirm — each step edits the same message.
        Api.SendText(buyerChat, "/buy");
        var step = await Api.NextAsync(buyerChat, "幾股");
        Api.Press(buyerChat, step, step.DataOf("10"));
        step = await Api.NextAsync(buyerChat, "市價還是限價");
        Api.Press(buyerChat, step, step.DataOf("限價"));
        step = await Api.NextAsync(buyerChat, "價格");
        Api.Press(buyerChat, step, step.DataOf("18"));
        step = await Api.NextAsync(buyerChat, "確認下單");
        Assert.Contains("18", step.Text, StringComparison.Ordinal);
        Api.Press(buyerChat, step, step.DataOf("確認"));
        await Api.NextAsync(buyerChat, "全部成交");
        Assert.Equal(10, App.Exchange.Market.Account(students["b"].AccountId)!.SharesOf(1));

        var fill = await Api.NextAsync(sellerChat, "成交：賣出");
        Assert.Contains("10 股 @ 18", fill.Text, StringComparison.Ordinal);

        // Transfer to an ambiguous name: candidates as buttons, then the fee preview, then confirm.
        Api.SendText(buyerChat, "/transfer 100 王小明");
        var pick = await Api.NextAsync(buyerChat, "哪一位");
        Assert.Equal(3, pick.Buttons.Count); // two candidates and cancel
        Api.Press(buyerChat, pick, pick.DataOf("Green"));
        var preview = await Api.NextAsync(buyerChat, "手續費");
        Api.Press(buyerChat, preview, preview.DataOf("確認轉帳"));
        await Api.NextAsync(buyerChat, "已轉 100 點給 王小明");
        Assert.Equal(107, App.Exchange.Market.Account(students["w2"].AccountId)!.Points);
        await Api.NextAsync(wangChat, "Buyer 轉給你 100");

        // Guided: a bare /transfer asks for amount and recipient, the next message answers.
        Api.SendText(sellerChat, "/transfer");
        await Api.NextAsync(sellerChat, "要轉多少點給誰");
        Api.SendText(sellerChat, "Buyer 40");
        await Api.NextAsync(sellerChat, "轉 40 點給 Buyer");
        // More than they have: the refusal names what it needs and what they have, not "need 0, have 0".
        Api.SendText(sellerChat, "/transfer 5000000 Buyer");
        var tooMuch = await Api.NextAsync(sellerChat, "可用點數不足");
        Assert.Contains("可用點數不足（需要 5,0", tooMuch.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("需要 0，", tooMuch.Text, StringComparison.Ordinal);

        // Announcements: to linked students who did not mute them, and to the configured group.
        Api.SendText(sellerChat, "/settings");
        var settings = await Api.NextAsync(sellerChat, "通知設定");
        Api.Press(sellerChat, settings, settings.DataOf("公告"));
        await Api.NextAsync(sellerChat, "通知設定");
        App.Services.GetRequiredService<AnnouncementFeed>().Changes.Publish(new AnnouncementChange(AnnouncementChangeKind.Published,
            new Announcement(1, "市場開盤", "今天 **9 點**開盤", AnnouncementPriority.Important, DateTimeOffset.UtcNow, true, "staff")));
        await Api.NextAsync(GroupChat, "市場開盤");
        await Api.NextAsync(buyerChat, "市場開盤");
        await Api.NextAsync(wangChat, "市場開盤");
        Assert.DoesNotContain(Api.Outputs(sellerChat), o => o.Text.Contains("市場開盤", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duel_in_a_group_with_hidden_private_choices_and_the_result_posted_in_the_group()
    {
        var students = await App.ImportAsync(("d1", "Dora", "Red"), ("d2", "Eli", "Blue"));
        const long dora = 901, eli = 902, group = -100888;
        await App.GrantPointsAsync(students["d1"].AccountId, 200);
        await App.GrantPointsAsync(students["d2"].AccountId, 200);
        await LinkAsync(dora, students["d1"].Secret);
        await LinkAsync(eli, students["d2"].Secret);

        Api.SendText(dora, "/pvp 30 Eli", chatId: group);
        var challenge = await Api.NextAsync(group, "發起猜拳對戰");
        await Api.NextAsync(eli, "Dora 向你發起猜拳對戰"); // the invitation, privately
        Api.Press(eli, challenge, challenge.DataOf("接受"));
        await Api.NextAsync(group, "Eli 接受了 Dora 的挑戰");

        var doraHand = await Api.NextAsync(dora, "出什麼");
        var eliHand = await Api.NextAsync(eli, "出什麼");
        Api.Press(dora, doraHand, doraHand.DataOf("Rock"));
        await Api.NextAsync(dora, "等待對手");
        Api.Press(eli, eliHand, eliHand.DataOf("Scissors"));

        var result = await Api.NextAsync(group, "🏆");
        Assert.Contains("Dora 贏得 30 點", result.Text, StringComparison.Ordinal);
        Assert.Contains("Dora ✊ vs ✌️ Eli", result.Text, StringComparison.Ordinal);
        Assert.Equal(230, App.Exchange.Market.Account(students["d1"].AccountId)!.Points);
        Assert.Equal(170, App.Exchange.Market.Account(students["d2"].AccountId)!.Points);

        // In a group, commands addressed to another bot are left alone; ours are answered (one sender's updates in order).
        Api.SendText(dora, "/price@OtherBot", chatId: group);
        Api.SendText(dora, "/price@CampTestBot", chatId: group);
        await Api.NextAsync(group, "CAMP Camp Stock");
        Assert.Single(Api.Outputs(group), o => o.Text.Contains("CAMP Camp Stock", StringComparison.Ordinal));

        // /help in a group that gets no announcements names its id for the organizers; the configured group's does not.
        Api.SendText(eli, "/help@CampTestBot", language: "en", chatId: group);
        await Api.NextAsync(group, "this group's id is -100888; add it to the Telegram:GroupChats setting");
        Api.SendText(eli, "/help", chatId: GroupChat);
        Assert.DoesNotContain("GroupChats", (await Api.NextAsync(GroupChat, "/portfolio")).Text, StringComparison.Ordinal);
    }
}
