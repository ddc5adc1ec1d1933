using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Tests.Core;
using CampTrading.Web.Points;

namespace CampTrading.Tests.StaffConsole;

/// <summary>The preview must say exactly what the engine then does: each case is previewed, applied and compared.</summary>
public sealed class PointsPreviewTests
{
    private readonly TestExchange _x = new();
    private readonly int _rich;
    private readonly int _poor;
    private readonly int _indebted;
    private readonly int _other;
    private readonly int _stock;

    public PointsPreviewTests()
    {
        _rich = Student("rich", "Red", 1_000);
        _poor = Student("poor", "Red", 30);
        _indebted = Student("indebted", "Red", 0);
        _x.Ok(new RecordDebt(_indebted, 50, "fine", "test"));
        _other = Student("other", "Blue", 500);
        _x.OpenAccount("house", 9_999, AccountKind.House);
        _stock = _x.List("ACME");
    }

    private int Student(string name, string team, long points)
    {
        var id = (int)_x.Ok(new OpenAccount(name, AccountKind.Student, team)).Id;
        if (points > 0) _x.GrantPoints(id, points);
        return id;
    }

    private AccountView[] Views() => _x.Engine.Accounts().Select(a => new AccountView(a.Id, a.Name, a.Balance(Assets.Points),
        a.ReservedOf(Assets.Points), a.Debt, a.Restrictions, [], a.Team, a.Kind)).ToArray();

    private void AssertEngineMatches(PointsPreview preview)
    {
        foreach (var row in preview.Rows)
        {
            Assert.Equal(row.PointsAfter, _x.Points(row.AccountId));
            Assert.Equal(row.DebtAfter, _x.Account(row.AccountId).Debt);
        }
    }

    [Fact]
    public void A_team_take_previews_who_goes_into_debt_and_the_engine_agrees()
    {
        _x.Buy(_rich, _stock, 10, 20); // 200 points reserved by a resting buy: the take cancels it
        var preview = PointsPreviewer.Compute(PointsPreviewer.Targets(Views(), PointsTarget.OfTeam("Red")), -100);

        Assert.Equal(["indebted", "poor", "rich"], preview.Rows.Select(r => r.Name));
        Assert.Equal(2, preview.IntoDebt);
        Assert.Equal(70 + 100, preview.NewDebt);
        var poor = preview.Rows.Single(r => r.AccountId == _poor);
        Assert.Equal((30, 0, 0, 70), (poor.PointsBefore, poor.PointsAfter, poor.DebtBefore, poor.DebtAfter));
        Assert.False(preview.Rows.Single(r => r.AccountId == _rich).GoesIntoDebt);

        var result = _x.Ok(new GrantToGroup("Red", -100, "late", "test"));
        Assert.Equal(preview.Affected, result.Id);
        Assert.Equal(preview.NewDebt, result.Detail1);
        AssertEngineMatches(preview);
    }

    [Fact]
    public void A_grant_to_everyone_reaches_students_only_and_repays_debt_first()
    {
        var preview = PointsPreviewer.Compute(PointsPreviewer.Targets(Views(), PointsTarget.Everyone), 30);

        Assert.Equal(4, preview.Affected); // not the house account, not system accounts
        var indebted = preview.Rows.Single(r => r.AccountId == _indebted);
        Assert.Equal((0, 0, 50, 20), (indebted.PointsBefore, indebted.PointsAfter, indebted.DebtBefore, indebted.DebtAfter));
        Assert.Equal(0, preview.IntoDebt);

        _x.Ok(new GrantToGroup(null, 30, "bonus", "test"));
        AssertEngineMatches(preview);
    }

    [Fact]
    public void A_person_take_beyond_the_balance_previews_the_shortfall_as_debt()
    {
        var preview = PointsPreviewer.Compute(PointsPreviewer.Targets(Views(), PointsTarget.Person(_other)), -800);

        var row = Assert.Single(preview.Rows);
        Assert.Equal((500, 0, 0, 300), (row.PointsBefore, row.PointsAfter, row.DebtBefore, row.DebtAfter));
        Assert.True(row.GoesIntoDebt);

        var result = _x.Ok(new Grant(_other, Assets.Points, -800, "damage", "test"));
        Assert.Equal(300, result.Detail1);
        AssertEngineMatches(preview);
    }

    [Fact]
    public void An_unknown_team_affects_nobody()
    {
        Assert.Empty(PointsPreviewer.Targets(Views(), PointsTarget.OfTeam("Green")));
        _x.Reject(new GrantToGroup("Green", 10, "x", "test"), RejectCode.TeamUnknown);
    }
}
