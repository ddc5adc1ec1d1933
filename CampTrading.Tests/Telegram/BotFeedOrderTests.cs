using CampTrading.Core.Feeds;
using CampTrading.Tests.Infrastructure;

namespace CampTrading.Tests.Telegram;

/// <summary>A feed-priced instrument through the bot: the quantity is a decimal of whole units, exact to the lot.</summary>
public sealed class BotFeedOrderTests(PostgresFixture postgres) : BotTest(postgres), IClassFixture<PostgresFixture>
{
    /// <summary>A live source that never answers (nothing listens on the discard port): the test sets every price itself.</summary>
    private const string SilentFeed = "ws://127.0.0.1:9";


    [Fact]
    public async Task Buying_0_005_btc_holds_5_minor_units_and_a_quantity_finer_than_the_lot_is_refused()
    {
        var alice = (await App.ImportAsync(("f1", "Alice", "Red")))["f1"];
        await App.GrantPointsAsync(alice.AccountId, 10_000);
        var terms = new FeedTerms(1000, 10, 5, 20, 1000, 2000, 3600);
        var btc = (int)(await App.Exchange.SubmitAsync(ListFeedInstrument.Of("BTC", "Bitcoin", terms, new FeedSourceSettings("binance", "BTCUSDT", SilentFeed), "staff"))).Id;
        Assert.True((await App.Exchange.SubmitAsync(new FeedPrice(btc, 90_000, DateTimeOffset.UtcNow.UtcTicks))).IsOk);
        const long chat = 601;
        bool Said(string text) => Api.Outputs(chat).Any(o => o.Text.Contains(text, StringComparison.Ordinal));
        Api.SendText(chat, "/start " + alice.Secret, "en");
        await Api.NextAsync(chat, "Linked to");

        Api.SendText(chat, "/buy 0.0005 95000 BTC", "en");
        Assert.Contains("Usage", (await Api.NextAsync(chat, "/buy")).Text, StringComparison.Ordinal);

        // A limit above the ask fills at once at the ask 90,090: 451 + the minimum fee 5.
        Api.SendText(chat, "/buy 0.005 95000 BTC", "en");
        // The answer and the fill notice, in whichever order they arrive among the other notices: whole units, never "5".
        for (var i = 0; i < 400 && !(Said("Filled 0.005 BTC for 451 points") && Said("🔔 Filled: bought 0.005 BTC for 451 points")); i++) await Task.Delay(25);
        Assert.True(Said("Filled 0.005 BTC for 451 points"), string.Join(" | ", Api.Outputs(chat).Select(o => o.Text)));
        Assert.True(Said("🔔 Filled: bought 0.005 BTC for 451 points"), string.Join(" | ", Api.Outputs(chat).Select(o => o.Text)));
        await Api.NextAsync(chat, "🔔 Filled: bought"); // read past both
        for (var i = 0; i < 400 && App.Exchange.Market.Account(alice.AccountId)?.SharesOf(btc) != 5; i++) await Task.Delay(25);
        Assert.Equal(5, App.Exchange.Market.Account(alice.AccountId)!.SharesOf(btc));
        Assert.Equal(10_000 - 456, App.Exchange.Market.Account(alice.AccountId)!.Points);

        // A limit below the ask rests, and the reply says so in whole units too.
        Api.SendText(chat, "/buy 0.002 80000 BTC", "en");
        Assert.Contains("Order placed: Buy 0.002 BTC @ 80,000 resting", (await Api.NextAsync(chat)).Text, StringComparison.Ordinal);
    }
}
