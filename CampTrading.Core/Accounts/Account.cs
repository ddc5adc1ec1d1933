namespace CampTrading.Core.Accounts;

/// <summary>Mutable account state, owned by the engine thread alone.</summary>
public sealed class Account
{
    internal Account(int id, string name, AccountKind kind, int assetCount)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Balances = new long[Math.Max(assetCount, 2)];
        Reserved = new long[Balances.Length];
        CostBasis = new long[Balances.Length];
    }

    public int Id { get; }
    public string Name { get; internal set; }
    public AccountKind Kind { get; }
    public AccountRestrictions Restrictions { get; internal set; }
    public string? Team { get; internal set; }

    /// <summary>Points owed (a fine). While positive the account cannot spend; credits repay it first.</summary>
    public long Debt { get; internal set; }

    /// <summary>Balance per asset (index 0 = points, i = instrument i's shares).</summary>
    internal long[] Balances;
    /// <summary>Part of each balance held by open orders and other commitments.</summary>
    internal long[] Reserved;
    /// <summary>Points paid for the shares of each instrument now held (docs/decisions/0007-cost-basis.md); index 0 unused.</summary>
    internal long[] CostBasis;

    /// <summary>Trade proceeds minus the cost basis of the shares sold, over the account's life.</summary>
    public long RealizedPnl { get; internal set; }

    internal int OrdersToday;
    internal int OrdersDay;
    /// <summary>Of <see cref="OrdersToday"/>, those placed through the trading API (an account with any is a bot that day).</summary>
    internal int ApiOrdersToday;

    /// <summary>Orders placed through the trading API on camp day <paramref name="day"/> (only today's are kept).</summary>
    public int ApiOrdersOn(int day) => OrdersDay == day ? ApiOrdersToday : 0;

    public bool IsSystem => Kind == AccountKind.System;
    public bool CanAct => (Restrictions & AccountRestrictions.Disabled) == 0;
    public bool CanSpend => Restrictions == AccountRestrictions.None && Debt == 0;

    public long Balance(int asset) => asset < Balances.Length ? Balances[asset] : 0;
    public long ReservedOf(int asset) => asset < Reserved.Length ? Reserved[asset] : 0;
    public long Available(int asset) => Balance(asset) - ReservedOf(asset);
    public long CostBasisOf(int asset) => asset < CostBasis.Length ? CostBasis[asset] : 0;

    internal void EnsureAsset(int asset)
    {
        if (asset < Balances.Length) return;
        var size = Math.Max(asset + 1, Balances.Length * 2);
        Array.Resize(ref Balances, size);
        Array.Resize(ref Reserved, size);
        Array.Resize(ref CostBasis, size);
    }
}
