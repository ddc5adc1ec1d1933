using CampTrading.Core.Accounts;
using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Points;

public enum PointsTargetKind { Person, Team, Everyone }

/// <summary>Who a grant or take reaches: one student, every student of a team, or every student.</summary>
public sealed record PointsTarget(PointsTargetKind Kind, int AccountId = 0, string? Team = null)
{
    public static PointsTarget Person(int accountId) => new(PointsTargetKind.Person, accountId);
    public static PointsTarget OfTeam(string team) => new(PointsTargetKind.Team, Team: team);
    public static PointsTarget Everyone { get; } = new(PointsTargetKind.Everyone);

    public string Describe(MarketReadModel market) => Kind switch
    {
        PointsTargetKind.Person => market.Account(AccountId)?.Name ?? $"#{AccountId}",
        PointsTargetKind.Team => $"隊伍 Team {Team}",
        _ => "全體學員 Everyone",
    };
}

/// <summary>One student's points and debt before and after, as the engine will apply the grant.</summary>
public sealed record PointsPreviewRow(int AccountId, string Name, string? Team, long PointsBefore, long PointsAfter, long DebtBefore, long DebtAfter)
{
    public bool GoesIntoDebt => DebtAfter > DebtBefore;
}

public sealed record PointsPreview(long Amount, IReadOnlyList<PointsPreviewRow> Rows)
{
    public int Affected => Rows.Count;
    public int IntoDebt => Rows.Count(r => r.GoesIntoDebt);
    public long NewDebt => Rows.Sum(r => r.DebtAfter - r.DebtBefore);
    public long PointsChange => Rows.Sum(r => r.PointsAfter - r.PointsBefore);
}

/// <summary>
/// What a grant (positive) or take (negative) will do to each student, by the engine's rules: incoming
/// points repay debt first; a take cancels buys holding points if it must, never drives the balance below
/// zero, and the shortfall becomes debt.
/// </summary>
public static class PointsPreviewer
{
    public static IReadOnlyList<AccountView> Targets(IEnumerable<AccountView> accounts, PointsTarget target) =>
        accounts.Where(a => a.Kind == AccountKind.Student && target.Kind switch
            {
                PointsTargetKind.Person => a.Id == target.AccountId,
                PointsTargetKind.Team => string.Equals(a.Team, target.Team?.Trim(), StringComparison.Ordinal),
                _ => true,
            })
            .OrderBy(a => a.Team, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id)
            .ToArray();

    public static PointsPreview Compute(IEnumerable<AccountView> targets, long amount) =>
        new(amount, targets.Select(a => Row(a, amount)).ToArray());

    private static PointsPreviewRow Row(AccountView a, long amount)
    {
        if (amount >= 0)
        {
            var repay = Math.Min(a.Debt, Math.Min(amount, a.AvailablePoints + amount));
            repay = Math.Max(0, repay);
            return new PointsPreviewRow(a.Id, a.Name, a.Team, a.Points, a.Points + amount - repay, a.Debt, a.Debt - repay);
        }
        var take = Math.Min(-amount, Math.Max(0, a.Points));
        return new PointsPreviewRow(a.Id, a.Name, a.Team, a.Points, a.Points - take, a.Debt, a.Debt + (-amount - take));
    }
}
