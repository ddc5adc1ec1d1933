using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Telegram.Api;
using Telegram.Bot;
using Telegram.Bot.Types;
using CampTrading.Web.Telegram.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Telegram;

/// <summary>Polling across a restart, Telegram failing while trading goes on, and webhook mode.</summary>
public sealed class BotHostingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_restart_neither_repeats_nor_drops_updates_and_Telegram_failures_never_stop_trading()
    {
        await using var api = await FakeBotApi.StartAsync();
        var database = await postgres.CreateDatabaseAsync("botrestart");
        const long chat = 701;
        await using (var app = await BotApp.StartAsync(database, api))
        {
            var student = (await app.ImportAsync(("r1", "Rita", "Red")))["r1"];
            await app.GrantPointsAsync(student.AccountId, 1_000);
            api.SendText(chat, "/start " + student.Secret);
            await api.NextAsync(chat, "已綁定");
            api.SendText(chat, "/price");
            await api.NextAsync(chat, "CAMP Camp Stock");

            // Telegram answers 502 for a while: the bot retries in the background, the exchange does not notice.
            api.FailNext(3, 502);
            var order = await app.Exchange.SubmitAsync(new PlaceOrder(student.AccountId, 1, Side.Buy, OrderType.Limit, 5, 19));
            Assert.True(order.IsOk);
            api.SendText(chat, "/orders");
            await api.NextAsync(chat, "掛單中的委託");
        }

        // Written while the app is down; handled once after the restart, and nothing before it is handled again.
        var whileDown = api.SendText(chat, "/log");
        var callsBefore = api.Calls.Count;
        await using (var app = await BotApp.StartAsync(database, api))
        {
            await api.NextAsync(chat, "最近紀錄");
            var firstPoll = api.Calls.Skip(callsBefore).First(c => c.Method == "getUpdates").Body;
            Assert.Equal(whileDown, firstPoll["offset"]!.GetValue<long>());
            api.SendText(chat, "/help");
            await api.NextAsync(chat, "/transfer");
        }
        Assert.Single(api.Outputs(chat), o => o.Text.Contains("CAMP Camp Stock", StringComparison.Ordinal));
        Assert.Single(api.Outputs(chat), o => o.Text.Contains("最近紀錄", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_mode_registers_the_webhook_checks_the_secret_and_handles_each_update_once()
    {
        await using var api = await FakeBotApi.StartAsync();
        const string secret = "s3cret-Token_42";
        await using var app = await BotApp.StartAsync(postgres, api,
            ("Telegram:Mode", "Webhook"), ("Telegram:WebhookUrl", "https://camp.example/telegram/webhook"), ("Telegram:WebhookSecret", secret));
        using var client = app.CreateClient();

        var update = FakeBotApi.TextUpdate(5001, 1, 801, "/price");
        using (var noSecret = await client.PostAsJsonAsync("/telegram/webhook", update, JsonBotAPI.Options))
            Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, update, secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, update, secret)); // Telegram re-sends: acknowledged, not repeated
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, FakeBotApi.TextUpdate(5002, 2, 801, "/price"), "wrong"));

        await api.NextAsync(801, "CAMP Camp Stock");
        var setWebhook = api.Calls.First(c => c.Method == "setWebhook").Body;
        Assert.Equal(secret, setWebhook["secret_token"]!.GetValue<string>());
        Assert.Equal(0, api.CallCount("getUpdates"));
        Assert.Single(api.Outputs(801));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, Update update, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = JsonContent.Create(update, options: JsonBotAPI.Options) };
        request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
