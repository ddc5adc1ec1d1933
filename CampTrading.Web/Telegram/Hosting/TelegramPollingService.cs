using System.Diagnostics;
using CampTrading.Web.Telegram.Api;
using CampTrading.Web.Telegram.Conversation;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace CampTrading.Web.Telegram.Hosting;

/// <summary>
/// Long polling (the default mode; in webhook mode it only registers the webhook). The next offset is stored in PostgreSQL after each batch is handled, so a restart
/// neither repeats handled updates nor loses unhandled ones (Telegram keeps them until confirmed by a higher offset). A crash
/// between handling and storing replays the batch: money-moving buttons and messages carry engine request keys and settings
/// buttons say the state they set, so a replay acts no twice. Updates that cannot be read are skipped (the offset moves past them).
/// Every failure is logged and retried with a growing pause: the bot never affects trading. The command menu is a nicety: when
/// setMyCommands fails, the bot polls anyway and tries again later.
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
        var menuDueAt = DateTimeOffset.MinValue;
        // In webhook mode Telegram calls us; this loop only registers the webhook (retrying until Telegram takes it).
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!prepared)
                {
                    bot.Username = await BotSetup.PrepareAsync(client, bot.Options, logger, stoppingToken);
                    prepared = true;
                    if (bot.Options.Mode != TelegramMode.Polling)
                    {
                        await KeepMenuAsync(client, stoppingToken);
                        return;
                    }
                }
                if (menuDueAt != DateTimeOffset.MaxValue && DateTimeOffset.UtcNow >= menuDueAt)
                    menuDueAt = await BotSetup.TrySetMenuAsync(client, logger, stoppingToken) ? DateTimeOffset.MaxValue : DateTimeOffset.UtcNow + MenuRetry;
                var offset = await state.GetAsync(TelegramStateStore.UpdateOffset, stoppingToken);
                var asked = Stopwatch.StartNew();
                var batch = await client.GetReadableUpdatesAsync(offset, bot.Options.PollTimeoutSeconds, AllowedUpdates, stoppingToken);
                // A long poll waits for updates; a server that answers "nothing" at once must not make this loop spin.
                if (batch.Count == 0 && asked.Elapsed < EmptyPollInterval) await Task.Delay(EmptyPollInterval - asked.Elapsed, stoppingToken);
                if (batch.Count > 0) await dispatcher.DispatchAsync(batch.Updates, stoppingToken);
                // Not cancellable: once handled, the batch must be recorded even when shutdown began meanwhile.
                if (batch.NextOffset is { } next) await state.SetAsync(TelegramStateStore.UpdateOffset, next, CancellationToken.None);
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

    private static readonly TimeSpan MenuRetry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan EmptyPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Webhook mode: this loop has nothing else to do, so it retries the command menu until Telegram takes it.</summary>
    private async Task KeepMenuAsync(ITelegramBotClient client, CancellationToken ct)
    {
        try
        {
            while (!await BotSetup.TrySetMenuAsync(client, logger, ct)) await Task.Delay(MenuRetry, ct);
        }
        catch (OperationCanceledException) { }
    }
}

/// <summary>Hands updates to the handler: one user's updates in order, different users' side by side.</summary>
public sealed class UpdateDispatcher(BotUpdateHandler handler)
{
    public Task DispatchAsync(IReadOnlyList<Update> updates, CancellationToken ct) =>
        Task.WhenAll(updates.GroupBy(SenderId).Select(async group =>
        {
            foreach (var update in group.OrderBy(u => u.Id)) await handler.HandleAsync(update, ct);
        }));

    private static long SenderId(Update update) => update.CallbackQuery?.From.Id ?? update.Message?.From?.Id ?? 0;
}

/// <summary>What the bot tells Telegram at start: who it is, its command menu, and how updates reach it.</summary>
public static class BotSetup
{
    public static async Task<string?> PrepareAsync(ITelegramBotClient client, TelegramOptions options, ILogger logger, CancellationToken ct)
    {
        var me = await client.GetMe(ct);
        logger.LogInformation("Telegram bot @{Username} connected ({Mode})", me.Username, options.Mode);
        if (options.Mode == TelegramMode.Webhook)
            await client.SetWebhook(options.WebhookUrl!, secretToken: options.WebhookSecret,
                allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery], cancellationToken: ct);
        else
            await client.DeleteWebhook(cancellationToken: ct);
        return me.Username;
    }

    /// <summary>Sets the command menu (both languages); false, logged, when Telegram refused it.</summary>
    public static async Task<bool> TrySetMenuAsync(ITelegramBotClient client, ILogger logger, CancellationToken ct)
    {
        try
        {
            await client.SetMyCommands(Commands("zh"), cancellationToken: ct);
            await client.SetMyCommands(Commands("en"), languageCode: "en", cancellationToken: ct);
            return true;
        }
        catch (RequestException e)
        {
            logger.LogWarning("Telegram setMyCommands failed ({Error}); the bot runs without its menu and tries again later", e.Message);
            return false;
        }
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
