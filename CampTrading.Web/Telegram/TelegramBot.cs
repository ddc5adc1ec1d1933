using CampTrading.Web.Telegram.Api;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Telegram;

/// <summary>The configured bot: its API client, or none when no token (or no well-formed one) is configured (the bot is then off).</summary>
public sealed class TelegramBot : IDisposable
{
    private readonly HttpClient? _http;

    public TelegramBot(IOptions<TelegramOptions> options, TimeProvider time, ILogger<CampBotClient> clientLogger)
    {
        Options = options.Value;
        if (!Options.Enabled) return;
        // Deliberately not an IHttpClientFactory client: the factory's logging handlers write every request URL at Information
        // (category System.Net.Http.HttpClient.*), and the Bot API URL holds the token (…/bot<token>/sendMessage). This client
        // has no logging handler at all, so the token never reaches a log.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) })
        {
            Timeout = TimeSpan.FromSeconds(Options.PollTimeoutSeconds + 30),
        };
        try
        {
            Client = new CampBotClient(Options.BotToken!, Options.ApiBaseUrl, http, time, Options.MaxRetries, clientLogger);
            _http = http;
        }
        catch (ArgumentException)
        {
            // Telegram.Bot refuses a token that is not "<bot id>:<secret>". The bot never stops the exchange from starting:
            // it stays off, and says so (without the token).
            http.Dispose();
            clientLogger.LogError("Telegram:BotToken is not a bot token (expected <bot id>:<secret> from BotFather); the bot stays off");
        }
    }

    public TelegramOptions Options { get; }

    public CampBotClient? Client { get; }

    /// <summary>The bot's @username, known once getMe answered at start.</summary>
    public string? Username { get; set; }

    public void Dispose() => _http?.Dispose();
}
