using CampTrading.ComponentTests.Support;
using CampTrading.Core.Accounts;
using CampTrading.Web.Roster;
using CampTrading.Web.Staff.Console;
using static CampTrading.ComponentTests.Staff.PersonCardTests;

namespace CampTrading.ComponentTests.Staff;

public sealed class PersonActionsTests : CampComponentTest
{
    private readonly List<PersonAction> _acted = [];
    private ConsoleOutcome _answer = new(true, "已凍結。Frozen.");

    private IRenderedComponent<PersonActionsForm> RenderForm(Core.ReadModels.AccountView account, bool canDebt = true, bool canFreeze = true) =>
        Render<PersonActionsForm>(ps => ps
            .Add(c => c.Account, account)
            .Add(c => c.CanDebt, canDebt)
            .Add(c => c.CanFreeze, canFreeze)
            .Add(c => c.Act, action => { _acted.Add(action); return Task.FromResult(_answer); }));

    [Fact]
    public void Without_either_permission_nothing_is_shown()
    {
        var cut = RenderForm(Account(), canDebt: false, canFreeze: false);

        Assert.Empty(cut.FindAll("[data-testid=person-actions]"));
    }

    [Fact]
    public void Freeze_only_shows_no_debt_form()
    {
        var cut = RenderForm(Account(debt: 10), canDebt: false);

        Assert.Empty(cut.FindAll("[data-testid=debt-record]"));
        Assert.Single(cut.FindAll("[data-testid=person-freeze]"));
    }

    [Fact]
    public async Task Confirming_a_freeze_runs_it_and_reports_success_in_the_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        var click = cut.Find("[data-testid=person-freeze]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("王小明", providers.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_acted); // nothing happens before the confirmation
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        cut.WaitForAssertion(() => Assert.Equal([new PersonAction(PersonActionKind.Freeze, 0, "staff console")], _acted));
        providers.WaitForAssertion(() => Assert.Contains("Frozen.", providers.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-success", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_runs_nothing()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm(Account(restrictions: AccountRestrictions.Frozen));

        var click = cut.Find("[data-testid=person-unfreeze]").ClickAsync(new());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-cancel]"));
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_acted);
    }

    [Fact]
    public async Task A_refusal_goes_to_the_snackbar_as_an_error()
    {
        _answer = ConsoleOutcome.Refused("你的權限已變更，請重新登入。Your access changed: sign in again.");
        var providers = RenderWithProviders();
        var cut = RenderForm(Account(debt: 300));

        var click = cut.Find("[data-testid=debt-clear]").ClickAsync(new());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        providers.WaitForAssertion(() => Assert.Contains("sign in again", providers.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-error", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
        Assert.Equal(PersonActionKind.ClearDebt, Assert.Single(_acted).Kind);
    }

    [Fact]
    public async Task A_fine_below_one_point_is_refused_by_the_form_without_asking()
    {
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        await cut.Find("[data-testid=debt-record]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("at least 1 point", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]"));
        Assert.Empty(_acted);
    }

    [Fact]
    public async Task A_valid_fine_is_confirmed_and_recorded_with_its_reason()
    {
        _answer = new ConsoleOutcome(true, "已記錄欠款 50。Recorded.");
        var providers = RenderWithProviders();
        var cut = RenderForm(Account());

        cut.Find("[data-testid=debt-amount]").Input("50");
        cut.Find("[data-testid=debt-reason]").Input("  打破杯子 Broke a cup ");
        var click = cut.Find("[data-testid=debt-record]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("50", providers.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        cut.WaitForAssertion(() => Assert.Equal([new PersonAction(PersonActionKind.RecordDebt, 50, "打破杯子 Broke a cup")], _acted));
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=debt-amount]").GetAttribute("value")));
        Assert.DoesNotContain("at least 1 point", cut.Markup, StringComparison.Ordinal); // an emptied form is not a wrong one
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(1, true)]
    public void The_amount_rule(long amount, bool valid) => Assert.Equal(valid, PersonActionsForm.ValidateAmount(amount) is null);
}
