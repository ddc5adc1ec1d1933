using CampTrading.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CampTrading.Tests.Telegram;

/// <summary>The bot token is in every Bot API URL (…/bot&lt;token&gt;/method): no log line, at any level, may show it.</summary>
public sealed class BotLogTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_token_never_reaches_the_logs_at_any_level_even_when_Telegram_fails()
    {
        await using var api = await FakeBotApi.StartAsync();
        var logs = new LogCapture();
        api.FailMethod("setMyCommands", 400);
        api.FailNext(2, 502); // getMe at start: retried, logged
        api.InjectRaw("""{"update_id":{0},"message":{"message_id":1,"chat":{"id":2101,"type":"private"},"date":0,"from":{"id":2101,"is_bot":false,"first_name":"X"},"text":"\ud800"}}""");
        await using (var app = await BotApp.StartAsync(await postgres.CreateDatabaseAsync("botlogs"), api, logs))
        {
            api.SendText(2101, "/help");
            await api.NextAsync(2101, "/transfer");
            api.FailNext(1, 429, retryAfter: 1);
            api.SendText(2101, "/price");
            await api.NextAsync(2101, "CAMP");
        }

        var lines = logs.Lines;
        // The test sees the bot's own lines, failures included, and the lowest levels: it could catch a leak.
        Assert.Contains(lines, l => l.Text.Contains("retrying", StringComparison.Ordinal) && l.Text.Contains("getMe", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("setMyCommands failed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("cannot be read", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Level <= LogLevel.Debug);
        Assert.DoesNotContain(lines, l => l.Text.Contains("dropped after retries", StringComparison.Ordinal)); // every answer went out
        Assert.DoesNotContain(lines, l => l.Text.Contains(FakeBotApi.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains("TEST-token-SECRET", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains("/bot123456", StringComparison.Ordinal));
        // Nothing logs outgoing HTTP requests (an IHttpClientFactory client would, with the URL, at Information).
        Assert.DoesNotContain(lines, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
    }
}
