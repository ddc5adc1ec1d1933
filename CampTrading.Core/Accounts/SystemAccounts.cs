namespace CampTrading.Core.Accounts;

/// <summary>
/// Well-known system accounts, created by the engine at genesis with fixed ids.
/// Points and shares enter and leave the economy only through these, so the sum of
/// every asset over all accounts is always zero.
/// </summary>
public static class SystemAccounts
{
    /// <summary>Mints shares at listing and sells the IPO pool.</summary>
    public const int Treasury = 1;
    public const int Fees = 2;
    public const int Grants = 3;
    public const int Arcade = 4;
    public const int Booths = 5;
    public const int Qr = 6;
    public const int Settlement = 7;
    /// <summary>Receives debt repayments (fines).</summary>
    public const int Fines = 8;
    public const int Duels = 9;
    /// <summary>Mints shares: its balance of each instrument is minus the shares outstanding.</summary>
    public const int Issuance = 10;

    /// <summary>
    /// The counterparty of every feed-instrument fill: issues the units it sells (its balance is minus the units outstanding)
    /// and pays or keeps the points. Created with the first feed instrument, so engines without one hash as before.
    /// </summary>
    public const int FeedDealer = 11;
    public const string FeedDealerName = "feed_dealer";

    public const int FirstUserAccount = 100;

    public static readonly IReadOnlyDictionary<int, string> Names = new Dictionary<int, string>
    {
        [Treasury] = "treasury",
        [Fees] = "fees",
        [Grants] = "grants",
        [Arcade] = "arcade",
        [Booths] = "booths",
        [Qr] = "qr",
        [Settlement] = "settlement",
        [Fines] = "fines",
        [Duels] = "duels",
        [Issuance] = "issuance",
    };
}
