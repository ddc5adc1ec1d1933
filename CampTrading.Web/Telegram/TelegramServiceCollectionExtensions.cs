using CampTrading.Web.Telegram.Conversation;
using CampTrading.Web.Telegram.Hosting;
using CampTrading.Web.Telegram.Notifications;

namespace CampTrading.Web.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram bot (configuration section <c>Telegram</c>, see <see cref="TelegramOptions"/>). Without <c>Telegram:BotToken</c>
    /// everything is registered but idle, and one line says so at start.
    /// </summary>
    public static WebApplicationBuilder AddTelegramBot(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelegramOptions>()
            .Bind(builder.Configuration.GetSection(TelegramOptions.Section))
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _), "Telegram:ApiBaseUrl must be an absolute URL.")
            .Validate(o => !o.Enabled || o.Mode != TelegramMode.Webhook || (!string.IsNullOrWhiteSpace(o.WebhookUrl) && !string.IsNullOrWhiteSpace(o.WebhookSecret)),
                "Telegram webhook mode needs Telegram:WebhookUrl and Telegram:WebhookSecret.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TelegramBot>();
        builder.Services.AddSingleton<TelegramStateStore>();
        builder.Services.AddSingleton<TelegramOutbox>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelegramOutbox>());
        builder.Services.AddSingleton<BotUpdateHandler>();
        builder.Services.AddSingleton<UpdateDispatcher>();
        builder.Services.AddSingleton<RecentUpdateIds>();
        builder.Services.AddHostedService<TelegramPollingService>();
        builder.Services.AddSingleton<TelegramNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelegramNotifier>());
        builder.Services.AddSingleton<ChatLanguages>();
        builder.Services.AddSingleton<DuelNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DuelNotifier>());
        builder.Services.AddHostedService<TelegramStartupLog>();
        return builder;
    }
}

/// <summary>The one line saying whether the bot runs (the token itself is never logged).</summary>
internal sealed class TelegramStartupLog(TelegramBot bot, ILogger<TelegramBot> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (bot.Client is not null) logger.LogInformation("Telegram bot enabled ({Mode} mode)", bot.Options.Mode);
        else if (!bot.Options.Enabled) logger.LogInformation("Telegram bot disabled: no Telegram:BotToken configured");
        // else: a malformed token, already logged as an error by TelegramBot.
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
