using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// Caps on how much may exist. Every point or share enters through a system account, which goes negative by as much,
/// and every asset sums to zero; so with the system accounts' negative balances capped — points at
/// <see cref="MaxPoints"/>, shares of all instruments together at <see cref="MaxShares"/> — every balance, every sum of
/// balances, every reservation, every settlement payout and every net worth (shares × a price of at most
/// <see cref="Trading.Instrument.MaxPrice"/>, plus points) stays far inside a long. Commands that would create more are
/// refused with <see cref="RejectCode.SupplyLimitReached"/> before they change anything.
/// </summary>
public static class Supply
{
    /// <summary>Points that may exist at once: ten quadrillion, a thousandth of what a long holds.</summary>
    public const long MaxPoints = 10_000_000_000_000_000;

    /// <summary>Shares of all instruments together that may exist at once; times the highest price, about a ninth of a long.</summary>
    public const long MaxShares = 1_000_000_000_000;

    public static long MaxOf(int asset) => asset == Assets.Points ? MaxPoints : MaxShares;
}

public sealed partial class ExchangeEngine
{
    /// <summary>How much of an asset has been created and not taken back: the system accounts' negative balances, negated.</summary>
    public long Minted(int asset)
    {
        long minted = 0;
        for (var id = 1; id < SystemAccounts.FirstUserAccount && id < _accounts.Length; id++)
            if (_accounts[id] is { } account && account.Balance(asset) < 0) minted = checked(minted - account.Balance(asset));
        return minted;
    }

    /// <summary>Shares of every instrument that exist.</summary>
    public long MintedShares()
    {
        long minted = 0;
        foreach (var instrument in _instruments) minted = checked(minted + Minted(instrument.Id));
        return minted;
    }

    /// <summary>True when creating <paramref name="amount"/> more of the asset (points, or shares of any instrument) keeps it within <see cref="Supply"/>.</summary>
    private bool CanMint(int asset, Int128 amount) =>
        amount <= 0 || (Int128)(asset == Assets.Points ? Minted(Assets.Points) : MintedShares()) + amount <= Supply.MaxOf(asset);

    private bool CanMintShares(Int128 amount) => amount <= 0 || (Int128)MintedShares() + amount <= Supply.MaxShares;

    private static CommandResult SupplyRefusal(int asset) => CommandResult.Reject(RejectCode.SupplyLimitReached, Supply.MaxOf(asset));
}
