using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>Grants to a team or to everyone: one ordinary grant per student account.</summary>
public class GroupGrantTests
{
    private readonly TestExchange _x = new();
    private readonly int _red1;
    private readonly int _red2;
    private readonly int _blue;
    private readonly int _loner;
    private readonly int _maker;

    public GroupGrantTests()
    {
        _red1 = _x.OpenStudent("r1", "Red", 100);
        _red2 = _x.OpenStudent("r2", "Red");
        _blue = _x.OpenStudent("b1", "Blue", 100);
        _loner = _x.OpenStudent("l1", null, 100);
        _maker = (int)_x.Ok(new OpenAccount("maker", AccountKind.House, "Red")).Id;
        _x.GrantPoints(_maker, 100);
    }

    [Fact]
    public void A_team_grant_gives_every_student_of_the_team_and_nobody_else()
    {
        var r = _x.GrantToGroup("Red", 50);

        Assert.Equal(2, r.Id);
        Assert.Equal(100, r.Filled);
        Assert.Equal(150, _x.Points(_red1));
        Assert.Equal(50, _x.Points(_red2));
        Assert.Equal(100, _x.Points(_blue));
        Assert.Equal(100, _x.Points(_loner));
        Assert.Equal(100, _x.Points(_maker)); // a house account is not a student
    }

    [Fact]
    public void A_grant_to_everyone_reaches_every_student_with_or_without_a_team()
    {
        var mark = _x.Mark;
        var r = _x.GrantToGroup(null, 10);

        Assert.Equal(4, r.Id);
        Assert.Equal([110L, 10, 110, 110], new[] { _red1, _red2, _blue, _loner }.Select(_x.Points));
        Assert.Equal(100, _x.Points(_maker));
        var ledger = _x.EventsSince(mark, EventKind.Ledger);
        Assert.Equal(8, ledger.Length);
        Assert.All(ledger, e => Assert.Equal(LedgerKind.Grant, e.LedgerKind));
        Assert.Equal(4, ledger.Count(e => e.Account == SystemAccounts.Grants && e.Amount == -10));
        var blank = _x.GrantToGroup("   ", -20); // blank means everyone too; r2 has only 10
        Assert.Equal(4, blank.Id);
        Assert.Equal(10, blank.Detail1);
        Assert.Equal(10, _x.Debt(_red2));
    }

    [Fact]
    public void A_negative_team_grant_takes_what_each_has_and_records_each_shortfall_as_debt()
    {
        var mark = _x.Mark;
        var r = _x.GrantToGroup("Red", -150);

        Assert.Equal(2, r.Id);
        Assert.Equal(100, r.Filled);     // r1 had 100, r2 nothing
        Assert.Equal(50 + 150, r.Detail1);
        Assert.Equal(0, _x.Points(_red1));
        Assert.Equal(50, _x.Debt(_red1));
        Assert.Equal(150, _x.Debt(_red2));
        Assert.Equal(100, _x.Points(_maker));
        Assert.Equal(0, _x.Debt(_maker));
        Assert.Equal(2, _x.EventsSince(mark, EventKind.AccountChanged).Length);
        Assert.DoesNotContain(_x.Engine.Accounts(), a => !a.IsSystem && a.Balance(Assets.Points) < 0);
    }

    [Fact]
    public void A_group_grant_has_exactly_the_effect_of_one_grant_per_member()
    {
        foreach (var amount in new[] { 70L, -70, -250 })
        {
            var group = Fixture();
            var single = Fixture();
            group.X.Ok(new GrantToGroup("Red", amount, "r", "staff"));
            foreach (var id in group.Red) single.X.Ok(new Grant(id, Assets.Points, amount, "r", "staff"));
            Assert.Equal(single.X.StateJson(), group.X.StateJson());
        }

        static (TestExchange X, int[] Red) Fixture()
        {
            var x = new TestExchange();
            var camp = x.List("CAMP");
            var a = x.OpenStudent("a", "Red", 200);
            var b = x.OpenStudent("b", "Red", 50);
            x.OpenStudent("c", "Blue", 50);
            x.Buy(a, camp, 5, 20);   // 100 reserved: a large take cancels it first
            x.RecordDebt(b, 80);     // b owes 30: a give repays first
            return (x, [a, b]);
        }
    }

    [Fact]
    public void A_group_grant_repays_debt_first()
    {
        _x.RecordDebt(_red2, 30);
        _x.GrantToGroup("Red", 50);
        Assert.Equal(0, _x.Debt(_red2));
        Assert.Equal(20, _x.Points(_red2));
        Assert.Equal(30, _x.Points(SystemAccounts.Fines));
    }

    [Fact]
    public void Restricted_students_are_included()
    {
        _x.Restrict(_red1, AccountRestrictions.Disabled);
        _x.Restrict(_red2, AccountRestrictions.Frozen);
        Assert.Equal(2, _x.GrantToGroup("Red", 5).Id);
        Assert.Equal(105, _x.Points(_red1));
        Assert.Equal(5, _x.Points(_red2));
    }

    [Fact]
    public void The_team_name_is_trimmed_and_matched_exactly()
    {
        Assert.Equal(2, _x.GrantToGroup("  Red ", 1).Id);
        _x.Reject(new GrantToGroup("red", 1, "r", "staff"), RejectCode.TeamUnknown);
        _x.Reject(new GrantToGroup("RED", 1, "r", "staff"), RejectCode.TeamUnknown);
    }

    [Theory]
    [InlineData("Green")]
    [InlineData("Re")]
    public void An_unknown_team_is_refused(string team)
    {
        _x.Reject(new GrantToGroup(team, 10, "r", "staff"), RejectCode.TeamUnknown);
    }

    [Fact]
    public void A_team_with_only_a_house_account_is_unknown()
    {
        _x.Ok(new OpenAccount("maker2", AccountKind.House, "Makers"));
        _x.Reject(new GrantToGroup("Makers", 10, "r", "staff"), RejectCode.TeamUnknown);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Grant.MaxAmount + 1)]
    [InlineData(-Grant.MaxAmount - 1)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Zero_and_oversized_amounts_are_refused(long amount)
    {
        _x.Reject(new GrantToGroup("Red", amount, "r", "staff"), RejectCode.InvalidAmount);
        _x.Reject(new GrantToGroup(null, amount, "r", "staff"), RejectCode.InvalidAmount);
    }

    [Fact]
    public void A_grant_to_everyone_with_no_students_affects_nobody()
    {
        var x = new TestExchange();
        var r = x.Ok(new GrantToGroup(null, 10, "r", "staff"));
        Assert.Equal(0, r.Id);
    }

    [Fact]
    public void A_team_follows_set_team()
    {
        _x.SetTeam(_loner, "Red");
        _x.SetTeam(_red1, null);
        Assert.Equal(2, _x.GrantToGroup("Red", 1).Id);
        Assert.Equal(101, _x.Points(_loner));
        Assert.Equal(100, _x.Points(_red1));
    }
}
