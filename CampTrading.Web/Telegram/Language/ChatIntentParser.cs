namespace CampTrading.Web.Telegram.Language;

/// <summary>Deterministic zh-TW / English phrase parser (no model, no guessing): same text, same intent.</summary>
public static class ChatIntentParser
{
    /// <summary>The intent of a free-text message, or null when it is not understood (the bot answers with help).</summary>
    public static ChatIntent? Parse(string? text)
    {
        _ = text;
        return null; // grammar lands with the natural-language work (issue 7)
    }
}
