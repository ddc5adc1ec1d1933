namespace CampTrading.Web.Telegram.Api;

/// <summary>Telegram refuses a message text longer than 4,096 characters (UTF-16 code units).</summary>
public static class MessageText
{
    public const int MaxLength = 4096;

    /// <summary>The text, cut to <see cref="MaxLength"/> with "…" when longer, never splitting a surrogate pair.</summary>
    public static string Fit(string text)
    {
        if (text.Length <= MaxLength) return text;
        var keep = MaxLength - 1;
        if (char.IsHighSurrogate(text[keep - 1])) keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
