using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Telegram.Conversation;

/// <summary>
/// Strict reading of callback data (anyone can send any callback data to the bot, not only what its buttons hold): numbers are
/// plain ASCII digits, a side is exactly B or S, anything else is refused rather than guessed. And the one-use tokens of
/// money-moving confirmations.
/// </summary>
public static class ButtonData
{
    /// <summary>Random bytes in a token: 72 bits, 12 characters, so a confirmation's data stays well under Telegram's 64 bytes.</summary>
    private const int TokenBytes = 9;
    public const int TokenLength = TokenBytes / 3 * 4;

    /// <summary>A fresh one-use token for a confirmation button.</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>The engine request key for a token read from a button (the engine scopes it to the account).</summary>
    public static string RequestKey(string token) => "tgb:" + token;

    public static bool IsToken(string text) =>
        text.Length == TokenLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool TryNumber(string text, out long value)
    {
        value = 0;
        return text.Length is > 0 and <= 19 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryId(string text, out int value)
    {
        value = 0;
        if (!TryNumber(text, out var number) || number > int.MaxValue) return false;
        value = (int)number;
        return true;
    }

    public static bool TrySide(string text, out Side side)
    {
        side = text == "B" ? Side.Buy : Side.Sell;
        return text is "B" or "S";
    }
}
