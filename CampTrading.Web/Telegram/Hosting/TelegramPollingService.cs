using CampTrading.Web.Telegram.Api;
using CampTrading.Web.Telegram.Conversation;

namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// Long polling (the default mode; in webhook mode it only registers the webhook). The next offset is stored in PostgreSQL after each batch is handled, so a restart
/// neither repeats handled updates nor loses unhandled ones (Telegram keeps them until confirmed by a higher offset).
/// Every failure is logged and retried with a growing pause: the bot never affects trading.
/// </summary>
public sealed class TelegramPollingService(
    TelegramBot bot, UpdateDispatcher dispatcher, TelegramStateStore state, ILogger<TelegramPollingService> logger) : BackgroundService
{
    private static readonly string[] AllowedUpdates = ["message", "callback_query"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (bot.Client is not { } client) return;
        var backoff = TimeSpan.FromSeconds(1);
        var prepared = false;
        // In webhook mode Telegram calls us; this loop only registers the webhook (retrying until Telegram takes it).
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!prepared)
                {
                    bot.Username = await BotSetup.PrepareAsync(client, bot.Options, logger, stoppingToken);
                    prepared = true;
                    if (bot.Options.Mode != TelegramMode.Polling) return;
                }
                var offset = await state.GetAsync(TelegramStateStore.UpdateOffset, stoppingToken);
                var updates = await client.GetUpdatesAsync(
                    new GetUpdatesRequest(offset, bot.Options.PollTimeoutSeconds, AllowedUpdates: AllowedUpdates), stoppingToken);
                if (updates.Count > 0)
                {
                    await dispatcher.DispatchAsync(updates, stoppingToken);
                    // Not cancellable: once handled, the batch must be recorded even when shutdown began meanwhile.
                    await state.SetAsync(TelegramStateStore.UpdateOffset, updates.Max(u => u.UpdateId) + 1, CancellationToken.None);
                }
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Telegram polling failed ({Error}); retrying in {Seconds} s", e.Message, backoff.TotalSeconds);
                try { await Task.Delay(backoff, stoppingToken); }
                catch (OperationCanceledException) { return; }
                backoff = TimeSpan.FromSeconds(Math.Min(60, backoff.TotalSeconds * 2));
            }
        }
    }
}

/// <summary>Hands updates to the handler: one user's updates in order, different users' side by side.</summary>
public sealed class UpdateDispatcher(BotUpdateHandler handler)
{
    public Task DispatchAsync(IReadOnlyList<Update> updates, CancellationToken ct) =>
        Task.WhenAll(updates.GroupBy(SenderId).Select(async group =>
        {
            foreach (var update in group.OrderBy(u => u.UpdateId)) await handler.HandleAsync(update, ct);
        }));

    private static long SenderId(Update update) => update.CallbackQuery?.From.Id ?? update.Message?.From?.Id ?? 0;
}

/// <summary>What the bot tells Telegram at start: who it is, its command menu, and how updates reach it.</summary>
public static class BotSetup
{
    public static async Task<string?> PrepareAsync(BotApiClient client, TelegramOptions options, ILogger logger, CancellationToken ct)
    {
        var me = await client.GetMeAsync(ct);
        logger.LogInformation("Telegram bot @{Username} connected ({Mode})", me.Username, options.Mode);
        await client.SetMyCommandsAsync(new SetMyCommandsRequest(Commands("zh")), ct);
        await client.SetMyCommandsAsync(new SetMyCommandsRequest(Commands("en"), "en"), ct);
        if (options.Mode == TelegramMode.Webhook)
            await client.SetWebhookAsync(new SetWebhookRequest(options.WebhookUrl!, options.WebhookSecret, ["message", "callback_query"]), ct);
        else
            await client.DeleteWebhookAsync(new DeleteWebhookRequest(), ct);
        return me.Username;
    }

    private static BotCommand[] Commands(string language)
    {
        var en = language == "en";
        return
        [
            new("portfolio", en ? "Your points and shares" : "我的資產"),
            new("price", en ? "Stock price" : "股價"),
            new("buy", en ? "Buy shares" : "買股票"),
            new("sell", en ? "Sell shares" : "賣股票"),
            new("orders", en ? "Open orders" : "我的委託"),
            new("transfer", en ? "Send points" : "轉點數"),
            new("pvp", en ? "Duel for points" : "對戰"),
            new("point", en ? "Team total" : "隊伍總分"),
            new("leaderboard", en ? "Rankings" : "排行榜"),
            new("log", en ? "Point history" : "點數紀錄"),
            new("login", en ? "Web login link" : "網頁登入連結"),
            new("settings", en ? "Notifications" : "通知設定"),
            new("help", en ? "Help" : "說明"),
        ];
    }
}
