using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Home;

/// <summary>One holding as the home page shows it, priced at the instrument's mark.</summary>
public sealed record HoldingLine(string Symbol, long Shares, decimal? AverageCost, long Mark, long CostBasis)
{
    public long Value => Shares * Mark;
    public long Pnl => Value - CostBasis;
}

/// <summary>
/// What the home page's tiles show, as plain data (the tiles render it without the engine): net worth is points plus the
/// holdings at their mark price minus debt.
/// </summary>
public sealed record HomeSummary(
    string Name, long Points, long AvailablePoints, long ReservedPoints, long Debt, long RealizedPnl,
    IReadOnlyList<HoldingLine> Holdings, int? Rank, int Ranked)
{
    public long HoldingsValue => Holdings.Sum(h => h.Value);
    public long UnrealizedPnl => Holdings.Sum(h => h.Pnl);
    public long NetWorth => Points + HoldingsValue - Debt;

    /// <summary>Whether the tiles would show exactly the same (the holdings compared line by line).</summary>
    public bool SameFigures(HomeSummary other) =>
        this with { Holdings = other.Holdings } == other && Holdings.SequenceEqual(other.Holdings);

    /// <summary>The summary of <paramref name="account"/>: holdings with shares (or reserved ones) at <paramref name="markOf"/>'s price.</summary>
    public static HomeSummary Of(AccountView account, Func<int, long> markOf, LeaderboardView board) => new(
        account.Name, account.Points, account.AvailablePoints, account.ReservedPoints, account.Debt, account.RealizedPnl,
        [.. account.Holdings.Where(h => h.Shares > 0 || h.Reserved > 0)
            .Select(h => new HoldingLine(h.Symbol, h.Shares, h.AverageCost, markOf(h.InstrumentId), h.CostBasis))],
        board.Of(account.Id)?.Rank, board.Individuals.Count);
}
