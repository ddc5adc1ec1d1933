namespace CampTrading.Web.Telegram.Language;

/// <summary>Sanity bounds of the chat grammar. Anything outside is refused as a typo rather than passed on; the engine still
/// applies the real limits (per-order maximum, price band, balances).</summary>
internal static class ChatLimits
{
    public const long MaxQuantity = 1_000_000;

    /// <summary>Largest price, transfer amount or duel stake the parser accepts.</summary>
    public const long MaxPoints = 1_000_000;

    public static bool IsQuantity(long value) => value is > 0 and <= MaxQuantity;

    public static bool IsPoints(long value) => value is > 0 and <= MaxPoints;
}
