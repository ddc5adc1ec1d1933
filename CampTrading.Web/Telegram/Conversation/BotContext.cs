using System.Globalization;
using CampTrading.Web.Roster;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace CampTrading.Web.Telegram.Conversation;

/// <summary>
/// Who wrote, where, and in which language the bot answers (English when the Telegram client is set to English, zh-TW
/// otherwise). <see cref="MessageId"/> is the bot's message a pressed button belongs to (edited in place);
/// <see cref="UserMessageId"/> the user's own message being answered, if it is one.
/// </summary>
public sealed record BotContext(long ChatId, bool IsPrivate, User From, Student? Student, int? MessageId = null, int? UserMessageId = null)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-TW");

    public bool IsEnglish => From.LanguageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    public CultureInfo Culture => IsEnglish ? English : Chinese;

    /// <summary>The text in the user's language.</summary>
    public string T(string zhTw, string en) => IsEnglish ? en : zhTw;

    /// <summary>
    /// The engine request key of a money command typed as a message (e.g. <c>/buy 10 25</c>): the same message handled twice
    /// (a replayed update) acts once. Null for buttons, which carry their own one-use token.
    /// </summary>
    public string? MessageRequestKey => UserMessageId is { } id
        ? string.Create(CultureInfo.InvariantCulture, $"tgm:{ChatId}:{id}")
        : null;
}

/// <summary>Inline keyboards, built row by row.</summary>
public static class Keyboard
{
    public static InlineKeyboardButton Button(string text, string data) => InlineKeyboardButton.WithCallbackData(text, data);

    public static InlineKeyboardMarkup Rows(params IEnumerable<InlineKeyboardButton>[] rows) =>
        new(rows.Select(r => r.ToArray()).ToArray());

    public static InlineKeyboardMarkup Column(IEnumerable<InlineKeyboardButton> buttons) =>
        new(buttons.Select(b => new[] { b }).ToArray());
}
