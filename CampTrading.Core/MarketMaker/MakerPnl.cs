namespace CampTrading.Core.MarketMaker;

/// <summary>The house's P&amp;L in one stock: realized over the account's life, unrealized = shares × mark − cost basis.</summary>
public readonly record struct MakerPnl(long Realized, long Unrealized)
{
    public long Total => Realized + Unrealized;

    public static MakerPnl Of(long realizedPnl, long shares, long costBasis, long markPrice) =>
        new(realizedPnl, shares * markPrice - costBasis);

    /// <summary>What changed since <paramref name="dayStart"/> (the day's baseline).</summary>
    public MakerPnl Since(MakerPnl dayStart) => new(Realized - dayStart.Realized, Unrealized - dayStart.Unrealized);
}
