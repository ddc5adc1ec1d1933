using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Support;
using CampTrading.Web.Telegram.Api;
using Telegram.Bot;
using Telegram.Bot.Types;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Tests.Telegram;

/// <summary>
/// Issue 10, item 6 and the bot's abuse limits: money buttons act once however often they arrive, callback data is read
/// strictly, and neither Telegram's failures nor unreadable updates nor floods stop or bend the bot.
/// </summary>
public sealed class BotSafetyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string AlreadyDone = "已經處理過了";
    private const string Refused = "這個按鈕無效";

    private static async Task LinkAsync(FakeBotApi api, long chat, string code)
    {
        api.SendText(chat, "/start " + code);
        await api.NextAsync(chat, "已綁定");
    }

    [Fact]
    public async Task Two_taps_on_an_order_confirmation_place_one_order()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var app = await BotApp.StartAsync(postgres, api);
        var alice = (await app.ImportAsync(("a1", "Alice", "Red")))["a1"];
        await app.GrantPointsAsync(alice.AccountId, 10_000);
        const long chat = 1101;
        await LinkAsync(api, chat, alice.Secret);

        api.SendText(chat, "買 10 股 19 元");
        var offer = await api.NextAsync(chat, "我的理解：");
        var confirm = offer.DataOf("確認");
        api.Press(chat, offer, confirm);
        api.Press(chat, offer, confirm);

        await api.NextAsync(chat, "已掛單");
        var second = await api.NextAsync(chat, "已掛單"); // the second answer repeats the first result
        var order = Assert.Single(app.Exchange.Market.OpenOrders(alice.AccountId));
        Assert.Equal(10, order.Quantity);
        Assert.Contains(AlreadyDone, second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_taps_and_a_replay_of_a_transfer_confirmation_make_one_transfer()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var app = await BotApp.StartAsync(postgres, api);
        var students = await app.ImportAsync(("t1", "Tina", "Red"), ("t2", "Omar", "Blue"));
        await app.GrantPointsAsync(students["t1"].AccountId, 1_000);
        const long chat = 1201;
        await LinkAsync(api, chat, students["t1"].Secret);

        api.SendText(chat, "/transfer 100 Omar");
        var preview = await api.NextAsync(chat, "手續費");
        var send = preview.DataOf("確認轉帳");
        api.Press(chat, preview, send);
        api.Press(chat, preview, send);
        await api.NextAsync(chat, "已轉 100 點給 Omar");
        await api.NextAsync(chat, "已轉 100 點給 Omar");
        api.Press(chat, preview, send); // the same callback data again, later
        await api.NextAsync(chat, "已轉 100 點給 Omar");

        Assert.Equal(100, app.Exchange.Market.Account(students["t2"].AccountId)!.Points);
        var answers = api.Outputs(chat).Where(o => o.Text.Contains("已轉 100 點給 Omar", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, answers.Length);
        Assert.DoesNotContain(AlreadyDone, answers[0].Text, StringComparison.Ordinal);
        Assert.All(answers.Skip(1), a => Assert.Contains(AlreadyDone, a.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_callback_data_is_refused_and_changes_nothing()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var app = await BotApp.StartAsync(postgres, api);
        var students = await app.ImportAsync(("m1", "Mia", "Red"), ("m2", "Ned", "Blue"));
        await app.GrantPointsAsync(students["m1"].AccountId, 1_000);
        await app.GrantAsync(students["m1"].AccountId, 1, 50);
        const long chat = 1301;
        await LinkAsync(api, chat, students["m1"].Secret);
        api.SendText(chat, "/price");
        var anchor = await api.NextAsync(chat, "CAMP");

        var ned = students["m2"].AccountId.ToString(CultureInfo.InvariantCulture);
        string[] malformed =
        [
            "ok:1:X:10:19:AAAAAAAAAAAA",   // unknown side (was read as "sell")
            "ok:1:S:10:19",                // no one-use token
            "ok:1:B:-5:19:AAAAAAAAAAAA",   // a sign
            "ok:1:B:10:19:AAAA",           // a short token
            "tok:100:" + ned,              // no token
            "tok:+100:" + ned + ":AAAAAAAAAAAA",
            "g:1:Q",
            "g:1:B:4611686018427387904:L:4", // a quantity no button offers (its total once overflowed to 0)
            "g:1:B:0:M",
            "cx:abc",
            "pr:1:7",
            "zz:1",
        ];
        foreach (var data in malformed) api.Press(chat, anchor, data);
        for (var i = 0; i < malformed.Length; i++) await api.NextAsync(chat, Refused);

        Assert.Empty(app.Exchange.Market.OpenOrders(students["m1"].AccountId));
        Assert.Equal(1_000, app.Exchange.Market.Account(students["m1"].AccountId)!.Points);
        Assert.Equal(50, app.Exchange.Market.Account(students["m1"].AccountId)!.SharesOf(1));
        Assert.Equal(0, app.Exchange.Market.Account(students["m2"].AccountId)!.Points);
    }

    [Fact]
    public async Task Webhook_handles_a_late_lower_update_id_and_ignores_a_repeated_one()
    {
        await using var api = await FakeBotApi.StartAsync();
        const string secret = "s3cret-Token_42";
        await using var app = await BotApp.StartAsync(postgres, api,
            ("Telegram:Mode", "Webhook"), ("Telegram:WebhookUrl", "https://camp.example/telegram/webhook"), ("Telegram:WebhookSecret", secret));
        using var client = app.CreateClient();
        const long chat = 1401;
        static Update Price(int id) => FakeBotApi.TextUpdate(id, id, chat, "/price");

        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, Price(6002), secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, Price(6001), secret)); // late, lower: still handled
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, Price(6002), secret)); // re-sent: acknowledged, not repeated
        var help = FakeBotApi.TextUpdate(6003, 6003, chat, "/help");
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, help, secret));

        await api.NextAsync(chat, "/transfer"); // the help answer comes after every earlier answer to this chat
        Assert.Equal(2, api.Outputs(chat).Count(o => o.Text.Contains("CAMP Camp Stock", StringComparison.Ordinal)));
    }

    /// <summary>The real server (its 1 MB body limit is Kestrel's, which the in-memory host does not apply).</summary>
    [Fact]
    public async Task Webhook_refuses_a_body_above_the_server_limit_with_413_and_no_error()
    {
        await using var api = await FakeBotApi.StartAsync();
        const string secret = "s3cret-Token_43";
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("webhookbig"),
            ("Telegram__BotToken", FakeBotApi.Token), ("Telegram__ApiBaseUrl", api.BaseUrl), ("Telegram__Mode", "Webhook"),
            ("Telegram__WebhookUrl", "https://camp.example/telegram/webhook"), ("Telegram__WebhookSecret", secret));
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        using var http = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook")
        {
            Content = new StringContent("{\"update_id\":1,\"x\":\"" + new string('a', 1_200_000) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // The app logs through a queue and the test reads its output as it comes: the line can follow the response.
        await app.WaitForOutputAsync("Telegram webhook update refused", TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("fail:", app.Output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_buy_message_handled_again_after_a_restart_places_its_order_once()
    {
        await using var api = await FakeBotApi.StartAsync();
        const string secret = "s3cret-Token_42";
        (string, string)[] webhook = [("Telegram:Mode", "Webhook"), ("Telegram:WebhookUrl", "https://camp.example/telegram/webhook"), ("Telegram:WebhookSecret", secret)];
        var database = await postgres.CreateDatabaseAsync("botreplay");
        const long chat = 1451;
        int account;
        var buy = FakeBotApi.TextUpdate(7001, 42, chat, "/buy 10 19", language: null, name: "Rex");
        await using (var app = await BotApp.StartAsync(database, api, webhook))
        {
            var student = (await app.ImportAsync(("w1", "Rex", "Red")))["w1"];
            account = student.AccountId;
            await app.GrantPointsAsync(account, 10_000);
            using var client = app.CreateClient();
            var link = FakeBotApi.TextUpdate(7000, 41, chat, "/start " + student.Secret, language: null, name: "Rex");
            Assert.Equal(HttpStatusCode.OK, await PostAsync(client, link, secret));
            Assert.Equal(HttpStatusCode.OK, await PostAsync(client, buy, secret));
            await api.NextAsync(chat, "已掛單");
        }
        // Telegram re-sends an update it did not see acknowledged; after a restart the bot no longer remembers the id.
        await using (var app = await BotApp.StartAsync(database, api, webhook))
        {
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.OK, await PostAsync(client, buy, secret));
            Assert.Contains("已掛單", (await api.NextAsync(chat, AlreadyDone)).Text, StringComparison.Ordinal);
            Assert.Single(app.Exchange.Market.OpenOrders(account));
        }
    }

    [Fact]
    public async Task A_failing_setMyCommands_does_not_stop_the_bot_from_answering()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailMethod("setMyCommands", 400);
        await using var app = await BotApp.StartAsync(postgres, api);
        api.SendText(1501, "/help");
        await api.NextAsync(1501, "/transfer");
        Assert.True(api.CallCount("setMyCommands") >= 1);
    }

    [Fact]
    public async Task An_update_that_cannot_be_read_is_skipped_and_the_next_one_handled()
    {
        await using var api = await FakeBotApi.StartAsync();
        const long chat = 1601;
        // A lone surrogate: valid JSON, but no .NET string can hold it as text.
        var bad = api.InjectRaw("""{"update_id":{0},"message":{"message_id":1,"chat":{"id":1601,"type":"private"},"date":0,"from":{"id":1601,"is_bot":false,"first_name":"X"},"text":"\ud800 hi"}}""");
        api.SendText(chat, "/help");
        await using var app = await BotApp.StartAsync(postgres, api);

        await api.NextAsync(chat, "/transfer");
        Assert.Single(api.Outputs(chat)); // the unreadable update got no answer: it was skipped, not read half
        for (var i = 0; i < 100 && api.PendingUpdates > 0; i++) await Task.Delay(50);
        Assert.Equal(0, api.PendingUpdates); // confirmed, the unreadable one included
        Assert.True(bad > 0);
    }

    [Fact]
    public async Task A_huge_update_id_and_senders_that_are_not_users_neither_stop_the_bot_nor_log_failures()
    {
        await using var api = await FakeBotApi.StartAsync();
        var logs = new LogCapture();
        const long chat = 1651;
        // Only a broken or hostile server sends these: an id no 32-bit offset can confirm, user ids that are not positive,
        // a button on an inline message (no message to act on).
        api.InjectRaw("""{"update_id":2147483647,"message":{"message_id":1,"chat":{"id":1651,"type":"private"},"date":0,"from":{"id":1651,"is_bot":false,"first_name":"X"},"text":"/help"}}""");
        api.InjectRaw("""{"update_id":{0},"message":{"message_id":2,"chat":{"id":-7,"type":"private"},"date":0,"from":{"id":-7,"is_bot":false,"first_name":"X"},"text":"/register AAAABBBB"}}""");
        api.InjectRaw("""{"update_id":{0},"message":{"message_id":3,"chat":{"id":0,"type":"private"},"date":0,"from":{"id":0,"is_bot":false,"first_name":"X"},"text":"/start AAAABBBB"}}""");
        api.InjectRaw("""{"update_id":{0},"callback_query":{"id":"cb-inline","from":{"id":1651,"is_bot":false,"first_name":"X"},"chat_instance":"1","data":"x"}}""");
        await using var app = await BotApp.StartAsync(await postgres.CreateDatabaseAsync("botrange"), api, logs);

        api.SendText(chat, "/help");
        await api.NextAsync(chat, "/transfer"); // still polling, and the update after the huge id is handled
        Assert.Single(api.Outputs(chat)); // the huge id was skipped, not handled
        Assert.Empty(api.Outputs(-7));
        Assert.Empty(api.Outputs(0));
        for (var i = 0; i < 100 && api.CallCount("answerCallbackQuery") == 0; i++) await Task.Delay(50);
        Assert.Contains(api.Calls, c => c.Method == "answerCallbackQuery" && c.Body["callback_query_id"]?.GetValue<string>() == "cb-inline");
        Assert.DoesNotContain(logs.Lines, line => line.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_reply_echoing_a_10000_character_input_is_cut_to_Telegrams_limit()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var app = await BotApp.StartAsync(postgres, api);
        var student = (await app.ImportAsync(("e1", "Eve", "Red")))["e1"];
        const long chat = 1701;
        await LinkAsync(api, chat, student.Secret);

        api.SendText(chat, "/transfer 100 " + new string('x', 10_000));
        var answer = await api.NextAsync(chat, "找不到");
        Assert.Equal(MessageText.MaxLength, answer.Text.Length);
        Assert.EndsWith("…", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replies_to_a_stranger_who_is_not_linked_are_limited()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var app = await BotApp.StartAsync(postgres, api,
            ("Telegram:StrangerRepliesPerWindow", "3"), ("Telegram:StrangerReplyWindowSeconds", "3600"));
        var student = (await app.ImportAsync(("x1", "Xena", "Red")))["x1"];
        const long chat = 1801;
        for (var i = 0; i < 6; i++) api.SendText(chat, "/help");
        api.SendText(chat, "/start " + student.Secret); // links, though the answer is over the limit
        api.SendText(chat, "/portfolio");                          // linked now: answered

        await api.NextAsync(chat, "Xena 的資產");
        Assert.Equal(4, api.Outputs(chat).Count);
    }

    [Fact]
    public async Task Duel_invitations_from_one_challenger_are_limited()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var app = await BotApp.StartAsync(postgres, api, ("Telegram:DuelInvitesPerWindow", "2"), ("Telegram:DuelInviteWindowSeconds", "3600"));
        var students = await app.ImportAsync(("d1", "Dora", "Red"), ("d2", "Eli", "Blue"));
        await app.GrantPointsAsync(students["d1"].AccountId, 500);
        const long dora = 1901, eli = 1902;
        await LinkAsync(api, dora, students["d1"].Secret);
        await LinkAsync(api, eli, students["d2"].Secret);

        for (var i = 0; i < 3; i++)
        {
            api.SendText(dora, "/pvp 10 Eli");
            var challenge = await api.NextAsync(dora, "發起猜拳對戰");
            api.Press(dora, challenge, challenge.DataOf("撤回"));
            await api.NextAsync(dora, "撤回了對戰");
            await api.NextAsync(eli, "的挑戰（對戰 #"); // the withdrawal notice comes after any invitation of that duel
        }
        Assert.Equal(2, api.Outputs(eli).Count(o => o.Text.Contains("Dora 向你發起", StringComparison.Ordinal)));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, Update update, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = JsonContent.Create(update, options: JsonBotAPI.Options) };
        request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
