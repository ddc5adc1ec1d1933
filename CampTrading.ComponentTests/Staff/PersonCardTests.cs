using CampTrading.ComponentTests.Support;
using CampTrading.Core.Accounts;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Roster;

namespace CampTrading.ComponentTests.Staff;

public sealed class PersonCardTests : CampComponentTest
{
    internal static AccountView Account(long points = 500, long debt = 0, AccountRestrictions restrictions = AccountRestrictions.None, long reserved = 0) =>
        new(7, "王小明", points, reserved, debt, restrictions, [], "Team A");

    [Fact]
    public void Shows_name_team_and_figures_with_thousands_separators()
    {
        var cut = Render<PersonCard>(ps => ps.Add(c => c.Account, Account(points: 12_345, reserved: 2_000)));

        Assert.Equal("王小明", cut.Find("[data-testid=person-name]").TextContent);
        Assert.Contains("Team A · #7", cut.Find("[data-testid=person-chosen]").TextContent, StringComparison.Ordinal);
        Assert.Equal("12,345", cut.Find("[data-testid=person-points]").TextContent);
        Assert.Equal("10,345", cut.Find("[data-testid=person-available]").TextContent);
        Assert.Equal("0", cut.Find("[data-testid=person-debt]").TextContent);
        Assert.DoesNotContain("error", cut.Find("[data-testid=person-debt]").ClassList);
    }

    [Fact]
    public void An_active_account_shows_one_active_chip()
    {
        var cut = Render<PersonCard>(ps => ps.Add(c => c.Account, Account()));

        Assert.Contains("Active", cut.Find("[data-testid=person-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=person-state-more]"));
    }

    [Fact]
    public void A_frozen_account_in_debt_shows_both_chips_and_marks_the_debt()
    {
        var cut = Render<PersonCard>(ps => ps.Add(c => c.Account, Account(points: 0, debt: 300, restrictions: AccountRestrictions.Frozen)));

        Assert.Contains("凍結 Frozen", cut.Find("[data-testid=person-state]").TextContent, StringComparison.Ordinal);
        Assert.Contains("欠款 In debt", cut.Find("[data-testid=person-state-more]").TextContent, StringComparison.Ordinal);
        Assert.Contains("error", cut.Find("[data-testid=person-debt]").ClassList);
        Assert.Equal("300", cut.Find("[data-testid=person-debt]").TextContent);
    }

    [Fact]
    public void A_disabled_account_shows_disabled_first()
    {
        var cut = Render<PersonCard>(ps => ps.Add(c => c.Account, Account(restrictions: AccountRestrictions.Disabled | AccountRestrictions.Frozen)));

        Assert.Contains("停用 Disabled", cut.Find("[data-testid=person-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Change_raises_on_clear()
    {
        var cleared = 0;
        var cut = Render<PersonCard>(ps => ps.Add(c => c.Account, Account()).Add(c => c.OnClear, () => cleared++));

        cut.Find("[data-testid=person-clear]").Click();

        Assert.Equal(1, cleared);
    }

    [Theory]
    [InlineData(AccountRestrictions.None, 0, "正常 Active")]
    [InlineData(AccountRestrictions.None, 5, "欠款 In debt")]
    [InlineData(AccountRestrictions.Frozen, 5, "凍結 Frozen")]
    [InlineData(AccountRestrictions.Disabled, 0, "停用 Disabled")]
    public void The_state_label_names_the_most_serious_state(AccountRestrictions restrictions, long debt, string expected)
    {
        Assert.Equal(expected, StudentState.Label(Account(debt: debt, restrictions: restrictions)));
        Assert.Equal(expected, StudentState.Chips(Account(debt: debt, restrictions: restrictions))[0].Label);
    }

    [Fact]
    public void No_account_is_named()
    {
        Assert.Equal("無帳戶 No account", StudentState.Label(null));
    }
}
