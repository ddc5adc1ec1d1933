using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>Shorthands for the points commands on the shared test harness.</summary>
internal static class PointsTestExtensions
{
    public static CommandResult Transfer(this TestExchange x, int from, int to, long amount, string? memo = null) =>
        x.Apply(new Transfer(from, to, amount, memo));

    public static CommandResult RecordDebt(this TestExchange x, int account, long amount) =>
        x.Ok(new RecordDebt(account, amount, "fine", "admin"));

    public static CommandResult ClearDebt(this TestExchange x, int account) => x.Ok(new ClearDebt(account, "forgiven", "admin"));

    public static CommandResult Restrict(this TestExchange x, int account, AccountRestrictions restrictions) =>
        x.Ok(new SetRestrictions(account, restrictions, "admin"));

    public static CommandResult SetTeam(this TestExchange x, int account, string? team) => x.Ok(new SetTeam(account, team, "admin"));

    public static CommandResult GrantToGroup(this TestExchange x, string? team, long amount) =>
        x.Ok(new GrantToGroup(team, amount, "workshop", "staff"));

    public static int OpenStudent(this TestExchange x, string name, string? team, long points = 0)
    {
        var id = (int)x.Ok(new OpenAccount(name, AccountKind.Student, team)).Id;
        if (points != 0) x.GrantPoints(id, points);
        return id;
    }

    public static long Debt(this TestExchange x, int account) => x.Account(account).Debt;
}
