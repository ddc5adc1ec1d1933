namespace CampTrading.Tests.Telegram;

/// <summary>
/// /buy and /sell take an optional "ioc" or "fok" word: the order goes with that time in force and the reply says what
/// happened. The market is open with the IPO ask at 20.
/// </summary>
public sealed class BotTimeInForceTests(PostgresFixture postgres) : BotTest(postgres), IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Ioc_and_fok_words_choose_the_time_in_force_and_the_help_explains_them()
    {
        var students = await App.ImportAsync(("t1", "Alice", "Red"), ("t2", "Bob", "Blue"));
        var alice = students["t1"];
        await App.GrantPointsAsync(alice.AccountId, 10_000);
        const long aliceChat = 601, bobChat = 602;
        Api.SendText(aliceChat, "/start " + alice.Secret);
        await Api.NextAsync(aliceChat, "已綁定");

        // Below the IPO ask at 20: FOK does nothing at all, IOC cancels what it cannot fill; neither rests.
        Api.SendText(aliceChat, "/buy 10 19 fok");
        var killed = await Api.NextAsync(aliceChat, "未成交");
        Assert.Contains("無法一次全部成交（FOK）", killed.Text, StringComparison.Ordinal);
        Api.SendText(aliceChat, "/buy ioc 10 19");
        var cancelled = await Api.NextAsync(aliceChat, "未成交");
        Assert.Contains("無可成交的對手單", cancelled.Text, StringComparison.Ordinal);
        Assert.Empty(App.Exchange.Market.OpenOrders(alice.AccountId));

        // At 20 the whole order fills at once.
        Api.SendText(aliceChat, "/buy 10 20 FOK");
        await Api.NextAsync(aliceChat, "全部成交");
        Assert.Equal(10, App.Exchange.Market.Account(alice.AccountId)!.SharesOf(1));

        // A market FOK sell with no bids does nothing either; a lone word is not an order.
        Api.SendText(aliceChat, "/sell 5 fok");
        Assert.Contains("FOK", (await Api.NextAsync(aliceChat, "未成交")).Text, StringComparison.Ordinal);
        Assert.Equal(10, App.Exchange.Market.Account(alice.AccountId)!.SharesOf(1));
        Api.SendText(aliceChat, "/buy fok");
        await Api.NextAsync(aliceChat, "用法：/buy 數量 [價格] [ioc|fok]");

        Api.SendText(bobChat, "/start " + students["t2"].Secret, "en");
        await Api.NextAsync(bobChat, "Linked to");
        Api.SendText(bobChat, "/help", "en");
        Assert.Contains("add fok: all fills now or nothing", (await Api.NextAsync(bobChat, "Commands:")).Text, StringComparison.Ordinal);
        Assert.Equal(0, App.Exchange.Market.Account(students["t2"].AccountId)!.SharesOf(1));
    }

    [Fact]
    public async Task In_the_pre_open_price_shows_the_indicative_open_and_fok_waits_for_the_open()
    {
        var alice = (await App.ImportAsync(("p1", "Alice", "Red")))["p1"];
        await App.GrantPointsAsync(alice.AccountId, 10_000);
        const long chat = 611;
        Api.SendText(chat, "/start " + alice.Secret, "en");
        await Api.NextAsync(chat, "Linked to");
        Assert.True((await App.Exchange.SubmitAsync(new CampTrading.Core.Engine.SetMarketOverride(CampTrading.Core.Market.MarketOverride.PreOpen, "test"))).IsOk);
        for (var i = 0; i < 400 && App.Exchange.Market.Status.Session != CampTrading.Core.Market.SessionState.PreOpen; i++) await Task.Delay(25);

        Api.SendText(chat, "/price CAMP", "en");
        var empty = (await Api.NextAsync(chat, "Pre-open auction")).Text;
        Assert.Contains("nothing would trade yet", empty, StringComparison.Ordinal);

        // A buy at 22 against the IPO's pool at 20: 10 shares would trade at the open, at 20.
        Api.SendText(chat, "/buy 10 22", "en");
        await Api.NextAsync(chat, "Order placed");
        for (var i = 0; i < 400 && App.Exchange.Market.Instruments[0].Indicative.Volume != 10; i++) await Task.Delay(25);
        Api.SendText(chat, "/price CAMP", "en");
        var price = (await Api.NextAsync(chat, "Pre-open auction")).Text;
        Assert.Contains("indicative open 20, 10 shares would trade", price, StringComparison.Ordinal);
        Assert.Contains("IPO: 1,000,000 shares at 20, offered in the book", price, StringComparison.Ordinal); // a standing treasury ask here
        Api.SendText(chat, "/price CAMP"); // the same in Chinese
        var chinese = (await Api.NextAsync(chat, "開盤前競價")).Text;
        Assert.Contains("試算開盤價 20，可成交 10 股", chinese, StringComparison.Ordinal);
        Assert.Contains("新股：1,000,000 股 @ 20，掛在賣方", chinese, StringComparison.Ordinal);

        // The grant's notice may still arrive in between (notices are sent on their own), so wait for the answer by its code.
        Api.SendText(chat, "/buy 5 22 fok", "en");
        Assert.Contains("fok_needs_open_market", (await Api.NextAsync(chat, "fok_needs_open_market")).Text, StringComparison.Ordinal);
        Assert.Equal(10, App.Exchange.Market.Instruments[0].Indicative.Volume); // the refused order did not join the auction
    }
}
