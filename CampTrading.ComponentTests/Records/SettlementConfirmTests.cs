using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Web.Staff.Console;
using CampTrading.Web.Staff.Records;

namespace CampTrading.ComponentTests.Records;

public sealed class SettlementConfirmTests : CampComponentTest
{
    private readonly List<string> _settled = [];
    private ConsoleOutcome _answer = new(true, "已結算。The game is settled.");

    private static readonly SettlementPreview Preview = new(SettlementPriceMode.LastPrice, new Dictionary<int, long> { [1] = 120 }, RankingTablesTests.Tied);

    private IRenderedComponent<SettlementConfirm> RenderConfirm() =>
        Render<SettlementConfirm>(ps => ps
            .Add(c => c.Preview, Preview)
            .Add(c => c.Settle, word => { _settled.Add(word); return Task.FromResult(_answer); }));

    [Fact]
    public async Task Without_the_word_the_form_refuses_and_nothing_is_asked_or_run()
    {
        var providers = RenderWithProviders();
        var cut = RenderConfirm();
        cut.Find("[data-testid=settlement-confirmation]").Input("ok");

        await cut.Find("[data-testid=settlement-run]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Type SETTLE (or 結算) to confirm.", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]"));
        Assert.Empty(_settled);
    }

    [Fact]
    public async Task The_word_then_the_dialog_settles_and_the_outcome_goes_to_the_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderConfirm();
        cut.Find("[data-testid=settlement-confirmation]").Input(" SETTLE ");

        var click = cut.Find("[data-testid=settlement-run]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("4 students and 3 teams", providers.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(_settled); // nothing happens before the confirmation
        Assert.Contains("mud-button-filled-error", providers.Find("[data-testid=confirm-ok]").ClassName, StringComparison.Ordinal); // dangerous
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        cut.WaitForAssertion(() => Assert.Equal(["SETTLE"], _settled));
        providers.WaitForAssertion(() => Assert.Contains("The game is settled.", providers.Find("[data-testid=settlement-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-success", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_dialog_runs_nothing()
    {
        var providers = RenderWithProviders();
        var cut = RenderConfirm();
        cut.Find("[data-testid=settlement-confirmation]").Input("結算");

        var click = cut.Find("[data-testid=settlement-run]").ClickAsync(new());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-cancel]"));
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]")));
        Assert.Empty(_settled);
        Assert.Empty(providers.FindAll(".mud-snackbar"));
    }

    [Fact]
    public async Task A_refusal_is_an_error_in_the_snackbar()
    {
        _answer = ConsoleOutcome.Refused("市場已結算。The market is settled.（market_settled）");
        var providers = RenderWithProviders();
        var cut = RenderConfirm();
        cut.Find("[data-testid=settlement-confirmation]").Input("SETTLE");

        var click = cut.Find("[data-testid=settlement-run]").ClickAsync(new());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        providers.WaitForAssertion(() => Assert.Contains("market_settled", providers.Find("[data-testid=settlement-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-filled-error", providers.Find(".mud-snackbar").ClassName, StringComparison.Ordinal);
    }
}
