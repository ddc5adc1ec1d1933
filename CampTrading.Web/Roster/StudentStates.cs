using CampTrading.Core.Accounts;
using CampTrading.Core.ReadModels;

namespace CampTrading.Web.Roster;

/// <summary>The staff students list's state filter and sort, as plain rules (the page only wires them to the grid).</summary>
public static class StudentStates
{
    public static readonly IReadOnlyList<(string Value, string Label)> Filters =
    [
        ("active", "正常 Active"),
        ("frozen", "凍結 Frozen"),
        ("disabled", "停用 Disabled"),
        ("debt", "欠款 In debt"),
    ];

    /// <summary>
    /// State lives in the engine's read model: the matching student account ids, for the database to page over (active is
    /// "not restricted", sent as the restricted ids to exclude). Null ids: no state filter.
    /// </summary>
    public static (int[]? Ids, bool Exclude) AccountFilter(string? state, IEnumerable<AccountView> accounts) => state switch
    {
        "active" => (Ids(accounts, a => a.Restrictions != AccountRestrictions.None), true),
        "frozen" => (Ids(accounts, a => a.Restrictions.HasFlag(AccountRestrictions.Frozen)), false),
        "disabled" => (Ids(accounts, a => a.Restrictions.HasFlag(AccountRestrictions.Disabled)), false),
        "debt" => (Ids(accounts, a => a.Debt > 0), false),
        _ => (null, false),
    };

    /// <summary>The grid's sort column (its property name) as the directory's SQL sort; anything else sorts by name.</summary>
    public static StudentSort SortOf(string? property) => property switch
    {
        nameof(Student.ExternalId) => StudentSort.ExternalId,
        nameof(Student.Team) => StudentSort.Team,
        nameof(Student.Number) => StudentSort.Number,
        _ => StudentSort.Name,
    };

    private static int[] Ids(IEnumerable<AccountView> accounts, Func<AccountView, bool> match) =>
        accounts.Where(a => a.Kind == AccountKind.Student && match(a)).Select(a => a.Id).ToArray();
}
