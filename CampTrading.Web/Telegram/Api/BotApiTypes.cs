using System.Text.Json.Serialization;

namespace CampTrading.Web.Telegram.Api;

// The subset of the Telegram Bot API (https://core.telegram.org/bots/api) the bot uses. Property names are mapped to
// snake_case by BotApiJson; nulls are omitted on the wire.

/// <summary>Every Bot API response: <c>{ok, result}</c> or <c>{ok:false, error_code, description, parameters}</c>.</summary>
public sealed record ApiResponse<T>(bool Ok, T? Result, int? ErrorCode = null, string? Description = null, ResponseParameters? Parameters = null);

public sealed record ResponseParameters(int? RetryAfter = null, long? MigrateToChatId = null);

public sealed record User(long Id, bool IsBot, string FirstName, string? LastName = null, string? Username = null, string? LanguageCode = null);

public sealed record Chat(long Id, string Type, string? Title = null, string? Username = null)
{
    public bool IsPrivate => Type == "private";
}

public sealed record Message(long MessageId, Chat Chat, long Date, User? From = null, string? Text = null,
    InlineKeyboardMarkup? ReplyMarkup = null);

public sealed record CallbackQuery(string Id, User From, Message? Message = null, string? Data = null);

public sealed record Update(long UpdateId, Message? Message = null, CallbackQuery? CallbackQuery = null);

public sealed record InlineKeyboardButton(string Text, string? CallbackData = null, string? Url = null);

public sealed record InlineKeyboardMarkup(IReadOnlyList<IReadOnlyList<InlineKeyboardButton>> InlineKeyboard);

public sealed record BotCommand(string Command, string Description);

/// <summary>What getUpdates gave: the updates that could be read, and the offset that confirms all of them (null: none came).</summary>
public sealed record UpdateBatch(IReadOnlyList<Update> Updates, long? NextOffset) : IReadOnlyList<Update>
{
    public Update this[int index] => Updates[index];

    public int Count => Updates.Count;

    public IEnumerator<Update> GetEnumerator() => Updates.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

// Requests, one per method.

public sealed record GetUpdatesRequest(long? Offset, int Timeout, int Limit = 100,
    IReadOnlyList<string>? AllowedUpdates = null);

public sealed record SendMessageRequest(long ChatId, string Text, InlineKeyboardMarkup? ReplyMarkup = null,
    [property: JsonPropertyName("disable_web_page_preview")] bool? DisableWebPagePreview = null);

public sealed record EditMessageTextRequest(long ChatId, long MessageId, string Text, InlineKeyboardMarkup? ReplyMarkup = null);

public sealed record EditMessageReplyMarkupRequest(long ChatId, long MessageId, InlineKeyboardMarkup? ReplyMarkup = null);

public sealed record AnswerCallbackQueryRequest(string CallbackQueryId, string? Text = null, bool? ShowAlert = null);

public sealed record DeleteMessageRequest(long ChatId, long MessageId);

public sealed record SetWebhookRequest(string Url, string? SecretToken = null, IReadOnlyList<string>? AllowedUpdates = null,
    bool? DropPendingUpdates = null);

public sealed record DeleteWebhookRequest(bool? DropPendingUpdates = null);

public sealed record SetMyCommandsRequest(IReadOnlyList<BotCommand> Commands, string? LanguageCode = null);
