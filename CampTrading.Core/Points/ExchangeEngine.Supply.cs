using CampTrading.Core.Accounts;

namespace CampTrading.Core.Engine;

/// <summary>
/// Caps on how much of an asset may exist. Every point or share enters through a system account, which goes negative by
/// as much, and every asset sums to zero; so with the system accounts' negative balances capped at <see cref="MaxPoints"/>
/// (or <see cref="MaxSharesPerInstrument"/>), every positive balance, every sum of balances, every reservation and every
/// settlement payout stays far inside a long. Commands that would create more are refused with
/// <see cref="RejectCode.SupplyLimitReached"/> before they change anything.
/// </summary>
public static class Supply
{
    /// <summary>Points that may exist at once: ten quadrillion, a thousandth of what a long holds.</summary>
    public const long MaxPoints = 10_000_000_000_000_000;

    /// <summary>Shares of one instrument that may exist at once; times the highest price it stays under <see cref="MaxPoints"/>.</summary>
    public const long MaxSharesPerInstrument = 1_000_000_000_000;

    public static long MaxOf(int asset) => asset == Assets.Points ? MaxPoints : MaxSharesPerInstrument;
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

    /// <summary>True when creating <paramref name="amount"/> more of the asset keeps it within <see cref="Supply"/>.</summary>
    private bool CanMint(int asset, Int128 amount) => amount <= 0 || (Int128)Minted(asset) + amount <= Supply.MaxOf(asset);

    private static CommandResult SupplyRefusal(int asset) => CommandResult.Reject(RejectCode.SupplyLimitReached, Supply.MaxOf(asset));
}
