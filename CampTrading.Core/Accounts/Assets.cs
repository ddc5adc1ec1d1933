namespace CampTrading.Core.Accounts;

/// <summary>
/// An asset is either points (id 0) or the shares of one instrument (the instrument's id).
/// Accounts keep one balance per asset, so points and shares share every ledger rule.
/// </summary>
public static class Assets
{
    public const int Points = 0;
}
