namespace CampTrading.Web.Telegram;

public enum TelegramMode { Polling, Webhook }

/// <summary>The <c>Telegram</c> configuration section. Without a token the bot is disabled.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The bot token from BotFather (the same key the web's Login Widget check uses). Secret: never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server: scheme, host and port (a path is ignored). Tests point it at a fake on loopback.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Webhook mode: the public HTTPS address of <see cref="TelegramWebhookPath"/> given to Telegram.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook mode: the secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token (1–256 of A–Z a–z 0–9 _ -).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Group chat ids that receive announcements.</summary>
    public IList<long> GroupChats { get; init; } = [];

    /// <summary>Long-poll wait in seconds (Telegram holds getUpdates open this long when idle).</summary>
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>How many times a call is retried after 429 (honouring retry_after) or a 5xx/network failure.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Most messages waiting in the outbox; beyond it new ones are dropped (logged and counted). Sends never move money.</summary>
    public int OutboxCapacity { get; set; } = 10_000;

    /// <summary>
    /// The pace of the outbox: Telegram's published limits (one message a second to a private chat, 20 a minute to a group,
    /// 30 a second in all). Only a Bot API server with other limits (a local one, the tests' fake) needs other values.
    /// </summary>
    public int PrivateChatGapMilliseconds { get; set; } = 1_000;

    public int GroupChatGapMilliseconds { get; set; } = 3_000;

    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>Replies one Telegram user who is not linked gets per <see cref="StrangerReplyWindowSeconds"/> (0 = unlimited); the rest are not sent.</summary>
    public int StrangerRepliesPerWindow { get; set; } = 10;

    public int StrangerReplyWindowSeconds { get; set; } = 60;

    /// <summary>Private duel invitations one challenger's duels may send per <see cref="DuelInviteWindowSeconds"/> (0 = unlimited).</summary>
    public int DuelInvitesPerWindow { get; set; } = 5;

    public int DuelInviteWindowSeconds { get; set; } = 3600;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);

    public const string TelegramWebhookPath = "/telegram/webhook";
}
