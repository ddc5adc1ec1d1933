using CampTrading.Web.Telegram.Api;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Telegram;

/// <summary>The configured bot: its API client, or none when no token is configured (the bot is then disabled).</summary>
public sealed class TelegramBot : IDisposable
{
    private readonly HttpClient? _http;

    public TelegramBot(IOptions<TelegramOptions> options, TimeProvider time, ILogger<BotApiClient> clientLogger)
    {
        Options = options.Value;
        if (!Options.Enabled) return;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(Options.PollTimeoutSeconds + 30) };
        Client = new BotApiClient(_http, Options.ApiBaseUrl, Options.BotToken!, time, Options.MaxRetries, clientLogger);
    }

    public TelegramOptions Options { get; }

    public BotApiClient? Client { get; }

    /// <summary>The bot's @username, known once getMe answered at start.</summary>
    public string? Username { get; set; }

    public void Dispose() => _http?.Dispose();
}
