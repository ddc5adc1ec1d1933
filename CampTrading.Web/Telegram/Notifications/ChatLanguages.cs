using System.Collections.Concurrent;
using CampTrading.Web.Telegram.Hosting;

namespace CampTrading.Web.Telegram.Notifications;

/// <summary>
/// The language each Telegram user last wrote to the bot in (their client's setting), so that notifications, which start
/// without a message to answer, speak it too. Kept in <c>telegram_state</c> (one row per user, 1 = English, 0 = zh-TW),
/// written only when it changes. A user never heard from gets both languages.
/// </summary>
public sealed class ChatLanguages(TelegramStateStore state)
{
    private readonly ConcurrentDictionary<long, bool> _english = new();

    private static string Key(long telegramUserId) => "english:" + telegramUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task RememberAsync(long telegramUserId, bool isEnglish, CancellationToken ct)
    {
        if (_english.TryGetValue(telegramUserId, out var known) && known == isEnglish) return;
        await state.SetAsync(Key(telegramUserId), isEnglish ? 1 : 0, ct);
        _english[telegramUserId] = isEnglish;
    }

    /// <summary>True for English, false for zh-TW, null when the user never wrote.</summary>
    public async Task<bool?> EnglishAsync(long telegramUserId, CancellationToken ct)
    {
        if (_english.TryGetValue(telegramUserId, out var known)) return known;
        if (await state.GetAsync(Key(telegramUserId), ct) is not { } stored) return null;
        return _english[telegramUserId] = stored == 1;
    }
}

/// <summary>Text in one chat's language: zh-TW, English, or both (zh-TW first) when unknown.</summary>
public readonly record struct ChatLanguage(bool? English)
{
    public string T(string zhTw, string en) => English switch
    {
        true => en,
        false => zhTw,
        null => zhTw + "\n" + en,
    };

    /// <summary>A word inside a sentence: both side by side when the language is unknown.</summary>
    public string Word(string zhTw, string en) => English switch
    {
        true => en,
        false => zhTw,
        null => zhTw + " " + en,
    };
}
