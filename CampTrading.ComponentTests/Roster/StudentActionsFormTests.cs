using CampTrading.ComponentTests.Support;
using CampTrading.Core.Accounts;
using CampTrading.Web.Roster;
using CampTrading.Web.Staff.Console;
using static CampTrading.ComponentTests.Staff.PersonCardTests;

namespace CampTrading.ComponentTests.Roster;

public sealed class StudentActionsFormTests : CampComponentTest
{
    private readonly List<StudentAction> _acted = [];
    private ConsoleOutcome _answer = new(true, "已更新狀態。State updated.");

    private IRenderedComponent<StudentActionsForm> RenderForm(Core.ReadModels.AccountView account, bool manage = true, bool freeze = true,
        bool give = true, bool debt = true) =>
        Render<StudentActionsForm>(ps => ps
            .Add(c => c.Account, account)
            .Add(c => c.CanManage, manage)
            .Add(c => c.CanFreeze, freeze)
            .Add(c => c.CanGive, give)
            .Add(c => c.CanDebt, debt)
            .Add(c => c.Act, action => { _acted.Add(action); return Task.FromResult(_answer); }));

    [Fact]
    public async Task Disabling_asks_first_and_runs_once_confirmed_with_the_outcome_in_the_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        var click = cut.Find("[data-testid=disable]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Disable 王小明?", providers.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_acted);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        cut.WaitForAssertion(() => Assert.Equal([new StudentAction(StudentActionKind.Disable, 0, "staff console")], _acted));
        providers.WaitForAssertion(() => Assert.Contains("State updated.", providers.Find("[data-testid=student-message]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelling_a_login_reset_runs_nothing()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        var click = cut.Find("[data-testid=reset-login]").ClickAsync(new());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-cancel]"));
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_acted);
    }

    [Fact]
    public async Task A_grant_runs_without_asking_with_its_amount_and_trimmed_reason_and_the_form_clears()
    {
        _answer = new ConsoleOutcome(true, "已給 100 點。Granted 100 points.");
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        cut.Find("[data-testid=points-amount]").Input("100");
        cut.Find("[data-testid=points-reason]").Input("  值星 Duty ");
        await cut.Find("[data-testid=grant-points]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal([new StudentAction(StudentActionKind.Grant, 100, "值星 Duty")], _acted));
        Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]"));
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=points-amount]").GetAttribute("value")));
    }

    [Fact]
    public async Task A_refused_grant_shows_the_engine_reason_as_an_error_and_keeps_the_amount()
    {
        _answer = ConsoleOutcome.Refused("金額必須不為零的整數。 The amount must be a non-zero whole number.（invalid_amount）");
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        await cut.Find("[data-testid=grant-points]").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("invalid_amount", providers.Find("[data-testid=student-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-error", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_debt_below_one_point_is_refused_by_the_form_without_running()
    {
        var cut = RenderForm(Account());

        cut.Find("[data-testid=points-amount]").Input("-5");
        await cut.Find("[data-testid=record-debt]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("A debt must be at least 1 point.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_acted);
    }

    [Fact]
    public async Task A_too_long_reason_is_refused_by_the_form()
    {
        var cut = RenderForm(Account());

        cut.Find("[data-testid=points-reason]").Input(new string('x', StudentActionsForm.MaxReason + 1));
        await cut.Find("[data-testid=grant-points]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains($"At most {StudentActionsForm.MaxReason} characters.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(_acted);
    }

    [Fact]
    public void A_point_manager_sees_points_only()
    {
        var cut = RenderForm(Account(debt: 20), manage: false, freeze: false, debt: false);

        Assert.Single(cut.FindAll("[data-testid=grant-points]"));
        foreach (var id in new[] { "freeze", "disable", "reset-login", "record-debt", "clear-debt" })
            Assert.Empty(cut.FindAll($"[data-testid={id}]"));
    }

    [Fact]
    public void The_state_buttons_follow_the_account()
    {
        var cut = RenderForm(Account(debt: 20, restrictions: AccountRestrictions.Frozen | AccountRestrictions.Disabled));

        Assert.Single(cut.FindAll("[data-testid=unfreeze]"));
        Assert.Single(cut.FindAll("[data-testid=enable]"));
        Assert.Contains("20", cut.Find("[data-testid=clear-debt]").TextContent, StringComparison.Ordinal);
        Assert.Null(StudentActionsForm.Confirmation(StudentActionKind.Enable, "A", 0));
        Assert.NotNull(StudentActionsForm.Confirmation(StudentActionKind.ClearDebt, "A", 20));
    }
}
